using Microsoft.Extensions.Logging;
using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Events;
using SkillsOrleans.Model;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Model.Skills;
using SkillsOrleans.Grains.Audit;
using SkillsOrleans.Grains.Events;

namespace SkillsOrleans.Grains.Catalogs;

/// <summary>
/// One runtime's skill catalog. Holds it in memory, read once from the store on activation; applies each published
/// change to the store first (only the changed skills' rows) and to memory after, so memory never runs ahead of what
/// is stored. Answers reads while the runtime's host is down. Skills a publish installs or removes are recorded in the
/// account's activity trail first (<see cref="SkillInstallAudit"/>): a row that cannot be written fails the publish,
/// which the host repeats, so none is lost (a publish whose store write failed after its rows may record them twice).
/// </summary>
[GrainType("runtime-catalog")] // pinned: a stable name for the grain's placement and its calls
public sealed partial class RuntimeCatalogGrain(
    ISkillCatalogStore store,
    IAuditTrail auditTrail,
    TimeProvider clock,
    ILogger<RuntimeCatalogGrain> logger) : Grain, IRuntimeCatalogGrain
{
    private StoredSkillCatalog? _catalog;
    private ChangeTag _tag = ChangeTag.New();
    private AuditRecorder _audit = null!;

    private string RuntimeId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ResourceIds.RequireRuntimeId(RuntimeId);
        _audit = new AuditRecorder(auditTrail, AccountEventPublisher.For(ServiceProvider, logger), clock, logger);
        _catalog = await store.ReadAsync(RuntimeId, cancellationToken);
    }

    public async Task PublishAsync(string accountId, SkillCatalogChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        await RequireBoundAsync(accountId);
        var scannedAt = change.ScannedAt.ToMicroseconds(); // a catalog reads the same before and after a restart
        var stored = _catalog?.Skills ?? [];
        var held = _catalog is not null && string.Equals(_catalog.AccountId, accountId, StringComparison.Ordinal) ? stored : [];
        var next = change.ReplacesAll ? Ordered(change.Changed) : Apply(held, change);
        foreach (var row in SkillInstallAudit.Rows(accountId, RuntimeId, held, next))
        {
            await _audit.RecordChangeAsync(row);
        }

        // Whatever was published, the store is told only about the skills that differ from the rows it holds.
        var difference = SkillCatalogChange.Between(stored, next, scannedAt);
        await store.ApplyAsync(RuntimeId, accountId, scannedAt, difference.Changed, difference.RemovedFolders, CancellationToken.None);

        _catalog = new StoredSkillCatalog(accountId, scannedAt, next);
        _tag = _tag.Next();
        LogPublished(logger, RuntimeId, accountId, difference.Changed.Count, difference.RemovedFolders.Count, next.Count);
        await AccountEventPublisher.For(ServiceProvider, logger).PublishAsync(
            new AccountEvent(accountId, AccountEventKind.Skills, clock.GetUtcNow()) { RuntimeId = RuntimeId, SkillCount = next.Count });
    }

    public Task<SkillCatalog?> GetAsync(string accountId) =>
        Task.FromResult(_catalog is not null && string.Equals(_catalog.AccountId, accountId, StringComparison.Ordinal)
            ? new SkillCatalog(RuntimeId, _catalog.ScannedAt, _catalog.Skills)
            : null);

    public async Task<SkillCatalogRead> GetIfChangedAsync(string accountId, string? knownTag)
    {
        var tag = _tag.ToString();
        return string.Equals(tag, knownTag, StringComparison.Ordinal)
            ? new SkillCatalogRead(tag, Unchanged: true, null)
            : new SkillCatalogRead(tag, Unchanged: false, await GetAsync(accountId));
    }

    /// <summary>The held catalog with a change applied: removed folders dropped, changed skills replaced or added.</summary>
    private static List<SkillManifest> Apply(IReadOnlyList<SkillManifest> held, SkillCatalogChange change)
    {
        var skills = held.ToDictionary(s => s.Folder, StringComparer.Ordinal);
        foreach (var folder in change.RemovedFolders)
        {
            skills.Remove(folder);
        }

        foreach (var skill in change.Changed)
        {
            skills[skill.Folder] = skill;
        }

        return Ordered(skills.Values);
    }

    /// <summary>The order a scan produces: by skill key, then folder.</summary>
    private static List<SkillManifest> Ordered(IEnumerable<SkillManifest> skills) =>
        [.. skills.OrderBy(s => s.SkillKey, StringComparer.Ordinal).ThenBy(s => s.Folder, StringComparer.Ordinal)];

    /// <summary>Only the host of a runtime bound to the account may publish its catalog there.</summary>
    private async Task RequireBoundAsync(string accountId)
    {
        var binding = await GrainFactory.GetGrain<IRuntimeDirectoryGrain>(RuntimeId).GetAsync();
        if (binding is null || !string.Equals(binding.AccountId, accountId, StringComparison.Ordinal))
        {
            throw new ResourceNotFoundException("runtime", RuntimeId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Runtime {RuntimeId} published its catalog to account {AccountId}: {Changed} skills written, {Removed} removed, {Total} installed")]
    private static partial void LogPublished(ILogger logger, string runtimeId, string accountId, int changed, int removed, int total);
}
