using Microsoft.Extensions.Logging;
using SkillsOrleans.ClientHosting.Demo;
using SkillsOrleans.Contracts.Accounts;

namespace SkillsOrleans.Hosting.Seeding;

/// <summary>
/// Creates the demo accounts and members at silo start when <c>Seed:Demo</c> is true. Idempotent: a second run,
/// or a run against data that already has them, changes nothing. The demo runtime binds itself when it starts.
/// </summary>
public sealed partial class DemoSeeder(IGrainFactory grains, ILogger<DemoSeeder> logger) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        foreach (var seed in DemoData.Accounts)
        {
            var account = grains.GetGrain<IAccountGrain>(seed.AccountId);
            var owner = seed.Members.First(m => m.Role == MemberRole.Owner).Subject;
            var snapshot = await account.GetAsync() ?? await account.CreateAsync(new AccountCreation(seed.DisplayName, owner, SkillsPocEnabled: true));
            foreach (var (subject, role) in seed.Members)
            {
                if (!snapshot.Members.TryGetValue(subject, out var current) || current != role)
                {
                    snapshot = await account.SetMemberAsync(subject, role);
                }
            }

            LogSeeded(logger, seed.AccountId, snapshot.Members.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo account {AccountId} ready with {MemberCount} members")]
    private static partial void LogSeeded(ILogger logger, string accountId, int memberCount);
}
