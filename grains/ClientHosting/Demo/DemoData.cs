using SkillsOrleans.Contracts.Accounts;

namespace SkillsOrleans.ClientHosting.Demo;

/// <summary>The demo tenants a local run starts with (account <c>demo</c> with three users, account <c>other</c>).</summary>
public static class DemoData
{
    public const string DemoAccount = "demo";
    public const string OtherAccount = "other";
    public const string DemoRuntime = "demo-runtime-1";

    public static IReadOnlyList<DemoAccountSeed> Accounts { get; } =
    [
        new(DemoAccount, "Demo", [("demo-owner", MemberRole.Owner), ("demo-admin", MemberRole.Admin), ("demo-member", MemberRole.Member)]),
        new(OtherAccount, "Other", [("other-admin", MemberRole.Owner)]),
    ];

    /// <summary>Every seeded user, for the development sign-in page.</summary>
    public static IReadOnlyList<(string Account, string Subject, MemberRole Role)> Users { get; } =
        [.. Accounts.SelectMany(a => a.Members.Select(m => (a.AccountId, m.Subject, m.Role)))];
}

public sealed record DemoAccountSeed(string AccountId, string DisplayName, IReadOnlyList<(string Subject, MemberRole Role)> Members);
