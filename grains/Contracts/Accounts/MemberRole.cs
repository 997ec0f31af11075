namespace SkillsOrleans.Contracts.Accounts;

/// <summary>A member's role in one account, keyed by the JWT subject. Owners and admins write; members read.</summary>
public enum MemberRole
{
    Member = 1,
    Admin = 2,
    Owner = 3,
}
