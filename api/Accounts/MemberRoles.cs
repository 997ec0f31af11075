using SkillsOrleans.Contracts.Accounts;

namespace SkillsOrleans.Api.Accounts;

/// <summary>Roles as the API spells them: <c>owner</c>, <c>admin</c>, <c>member</c> (names only; numbers are refused).</summary>
public static class MemberRoles
{
    public static string Name(MemberRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out MemberRole role)
    {
        role = name switch
        {
            "owner" => MemberRole.Owner,
            "admin" => MemberRole.Admin,
            "member" => MemberRole.Member,
            _ => default,
        };
        return role != default;
    }
}
