namespace SkillsOrleans.Contracts.Accounts;

/// <summary>
/// What a caller must be in an account for a call: a member with at least <see cref="MinimumRole"/>, while the
/// account's skills feature is on. <see cref="OwnerEvenIfDisabled"/> lets owners through while it is off, so that an
/// owner can switch it back on.
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.access-requirement")]
public sealed record AccessRequirement(
    [property: Id(0)] MemberRole MinimumRole,
    [property: Id(1)] bool OwnerEvenIfDisabled = false)
{
    public static AccessRequirement Member { get; } = new(MemberRole.Member);

    public static AccessRequirement Admin { get; } = new(MemberRole.Admin);

    public static AccessRequirement Owner { get; } = new(MemberRole.Owner);

    /// <summary>Owners only, and the one requirement an owner meets while the skills feature is off.</summary>
    public static AccessRequirement OwnerWhileDisabled { get; } = new(MemberRole.Owner, OwnerEvenIfDisabled: true);
}

/// <summary>How an access check ended.</summary>
public enum AccessVerdict
{
    /// <summary>The caller may go on; the decision carries its role and the account.</summary>
    Granted = 1,

    /// <summary>
    /// Unknown account, not a member, or the feature switched off: the caller may not learn that the account
    /// exists, so all three read the same.
    /// </summary>
    NotFound = 2,

    /// <summary>A member whose role is below what the call needs (it already knows the account exists).</summary>
    Forbidden = 3,
}

/// <summary>
/// The answer of <see cref="IAccountGrain.AuthorizeAsync"/>: the verdict, and for a member its role; the account as
/// it stood when checked is only given to a caller that was granted access.
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.access-decision")]
public sealed record AccessDecision(
    [property: Id(0)] AccessVerdict Verdict,
    [property: Id(1)] MemberRole? Role,
    [property: Id(2)] AccountSnapshot? Account)
{
    public static AccessDecision NotFound { get; } = new(AccessVerdict.NotFound, null, null);

    /// <summary>The rules, in one place: who is told the account exists, and who may act in it.</summary>
    public static AccessDecision Decide(MemberRole? role, AccountSnapshot? account, AccessRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        if (role is null || account is null)
        {
            return NotFound;
        }

        if (requirement.OwnerEvenIfDisabled && role == MemberRole.Owner)
        {
            return new(AccessVerdict.Granted, role, account);
        }

        if (!account.SkillsPocEnabled)
        {
            return NotFound;
        }

        return role >= requirement.MinimumRole
            ? new(AccessVerdict.Granted, role, account)
            : new(AccessVerdict.Forbidden, role, null);
    }
}
