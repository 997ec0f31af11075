using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Events;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Model.Identifiers;

using SkillsOrleans.Grains.Audit;
using SkillsOrleans.Grains.Credentials;
using SkillsOrleans.Grains.Events;

namespace SkillsOrleans.Grains.Accounts;

/// <summary>
/// The tenant boundary: members, roles, settings and runtime bindings, and the one access check of the API. The
/// credential index is kept in a row per credential (<see cref="ICredentialIndexStore"/>), written when a
/// CredentialGrain reports a change; credential writes themselves run in the credential's grain, never in this grain's turn.
/// </summary>
[GrainType("account")] // pinned: persisted state is keyed by grain type name
public sealed partial class AccountGrain(
    [PersistentState("account", GrainStorageNames.State)] IPersistentState<AccountState> state,
    [PersistentState("credential-index", GrainStorageNames.State)] IPersistentState<CredentialIndexState> legacyIndex,
    ICredentialIndexStore indexStore,
    IAuditTrail auditTrail,
    IAccountDirectory directory,
    DeepCopier copier,
    TimeProvider clock,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    private AccountEventPublisher _events = null!;
    private AuditRecorder _audit = null!;
    private AccountSummary? _listed;
    private readonly Dictionary<string, CredentialSnapshot> _index = new(StringComparer.Ordinal);
    private ChangeTag _indexTag = ChangeTag.New();
    private IGrainTimer? _listingRetry;

    private string AccountId => this.GetPrimaryKeyString();

    private static readonly TimeSpan ListingRetryPeriod = TimeSpan.FromSeconds(10);

    private AccountState Account => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ResourceIds.RequireAccountId(AccountId);
        _events = AccountEventPublisher.For(ServiceProvider, logger);
        _audit = new AuditRecorder(auditTrail, _events, clock, logger);
        foreach (var entry in await indexStore.ReadAsync(AccountId, cancellationToken))
        {
            _index[entry.CredentialRef] = entry;
        }

        await MoveLegacyCredentialIndexAsync();
        await MoveLegacySkillCatalogsAsync();
        // Once per activation: repairs a row left behind by a change whose listing failed before the grain went away.
        await ListAsync();
    }

    /// <summary>
    /// Earlier versions kept the credential index in one grain state row, and before that inside the account's row:
    /// move what either holds to the index rows (newer entries only), then clear it. The rows are written first, so a
    /// failure between the writes only repeats the move at the next activation.
    /// </summary>
    private async Task MoveLegacyCredentialIndexAsync()
    {
        if (Account.Credentials.Count == 0 && legacyIndex.State.Credentials.Count == 0)
        {
            return;
        }

        await IndexAsync([.. Account.Credentials.Values, .. legacyIndex.State.Credentials.Values]);
        if (legacyIndex.RecordExists)
        {
            await legacyIndex.ClearStateAsync();
        }

        if (Account.Credentials.Count > 0)
        {
            await MutateAsync(account => account.Credentials.Clear());
        }
    }

    /// <summary>
    /// Accounts written before catalogs had their own grain kept each runtime's last catalog: hand each one to its
    /// runtime's catalog (unless the runtime published since), then forget them. A failure only delays that to the
    /// next activation; a running host republishes its catalog anyway.
    /// </summary>
    private async Task MoveLegacySkillCatalogsAsync()
    {
        if (Account.SkillCatalogs.Count == 0)
        {
            return;
        }

        try
        {
            foreach (var catalog in Account.SkillCatalogs.Values.Where(c => Account.Runtimes.ContainsKey(c.RuntimeId)))
            {
                var grain = GrainFactory.GetGrain<IRuntimeCatalogGrain>(catalog.RuntimeId);
                if (await grain.GetAsync(AccountId) is null)
                {
                    await grain.PublishAsync(AccountId, SkillCatalogChange.Between(null, catalog.Skills, catalog.ScannedAt));
                }
            }

            await MutateAsync(account => account.SkillCatalogs.Clear());
        }
        catch (Exception error)
        {
            LogLegacyCatalogsFailed(logger, error, AccountId);
        }
    }

    public async Task<AccountSnapshot> CreateAsync(AccountCreation creation)
    {
        var owner = ResourceIds.RequireSubject(creation.OwnerSubject);
        var displayName = RequireDisplayName(creation.DisplayName);
        if (Account.Exists)
        {
            if (Account.Members.GetValueOrDefault(owner) != MemberRole.Owner)
            {
                throw new AccountConflictException(AccountId, AccountConflictKind.AlreadyExists, $"Account '{AccountId}' already exists.");
            }

            // Creating again repeats the listing, in case the first creation failed after its state was written.
            _listed = null;
            await ListAsync();
            return Snapshot();
        }

        await RecordAsync(AuditActions.AccountCreated, reason: $"owner {owner}");
        await MutateAsync(account =>
        {
            account.Exists = true;
            account.DisplayName = displayName;
            account.CreatedAt = clock.GetUtcNow();
            account.SkillsPocEnabled = creation.SkillsPocEnabled;
            account.Members[owner] = MemberRole.Owner;
        });
        LogCreated(logger, AccountId, owner);
        return Snapshot();
    }

    public Task<AccountSnapshot?> GetAsync() => Task.FromResult(Account.Exists ? Snapshot() : null);

    public Task<AccessDecision> AuthorizeAsync(string subject, AccessRequirement requirement)
    {
        var role = Account.Exists && subject is not null && Account.Members.TryGetValue(subject, out var found) ? found : (MemberRole?)null;
        return Task.FromResult(AccessDecision.Decide(role, role is null ? null : Snapshot(), requirement));
    }

    public Task<MemberRole?> GetRoleAsync(string subject) =>
        Task.FromResult<MemberRole?>(
            Account.Exists && subject is not null && Account.Members.TryGetValue(subject, out var role) ? role : null);

    public async Task<AccountSnapshot> SetMemberAsync(string subject, MemberRole role)
    {
        RequireExists();
        ResourceIds.RequireSubject(subject);
        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role.");
        }

        if (Account.Members.GetValueOrDefault(subject) == MemberRole.Owner && role != MemberRole.Owner)
        {
            RequireAnotherOwner(subject);
        }

        await RecordAsync(AuditActions.MemberSet, reason: $"{subject} is {role.ToString().ToLowerInvariant()}");
        await MutateAsync(account => account.Members[subject] = role);
        await AnnounceAsync();
        return Snapshot();
    }

    public async Task<AccountSnapshot> RemoveMemberAsync(string subject)
    {
        RequireExists();
        if (!Account.Members.TryGetValue(subject, out var role))
        {
            throw new ResourceNotFoundException("member", ResourceIds.Printable(subject));
        }

        if (role == MemberRole.Owner)
        {
            RequireAnotherOwner(subject);
        }

        await RecordAsync(AuditActions.MemberRemoved, reason: $"{subject} (was {role.ToString().ToLowerInvariant()})");
        await MutateAsync(account => account.Members.Remove(subject));
        await AnnounceAsync();
        return Snapshot();
    }

    public async Task<AccountSnapshot> SetSkillsPocEnabledAsync(bool enabled)
    {
        RequireExists();
        if (Account.SkillsPocEnabled != enabled)
        {
            await RecordAsync(AuditActions.AccountSettingsChanged, reason: $"skillsPocEnabled {(enabled ? "on" : "off")}");
            await MutateAsync(account => account.SkillsPocEnabled = enabled);
            await AnnounceAsync();
        }

        return Snapshot();
    }

    public async Task<AccountSnapshot> RegisterRuntimeAsync(string runtimeId, string? hostName)
    {
        RequireExists();
        ResourceIds.RequireRuntimeId(runtimeId);
        await ClaimRuntimeAsync(runtimeId);
        var now = clock.GetUtcNow();
        var boundAt = Account.Runtimes.TryGetValue(runtimeId, out var existing) ? existing.BoundAt : now;
        if (existing is null)
        {
            await RecordAsync(AuditActions.RuntimeBound, runtimeId, $"registered by its host {ResourceIds.Printable(hostName ?? "(unnamed)")}");
        }

        await MutateAsync(account =>
            account.Runtimes[runtimeId] = new RuntimeBinding(runtimeId, boundAt, now, hostName is null ? null : ResourceIds.Printable(hostName)));
        LogRuntimeRegistered(logger, runtimeId, AccountId);
        await AnnounceAsync(runtimeId);
        return Snapshot();
    }

    public async Task<AccountSnapshot> BindRuntimeAsync(string runtimeId)
    {
        RequireExists();
        ResourceIds.RequireRuntimeId(runtimeId);
        await ClaimRuntimeAsync(runtimeId);
        if (!Account.Runtimes.ContainsKey(runtimeId))
        {
            await RecordAsync(AuditActions.RuntimeBound, runtimeId, "bound by a platform admin");
            await MutateAsync(account => account.Runtimes[runtimeId] = new RuntimeBinding(runtimeId, clock.GetUtcNow(), null, null));
            LogRuntimeBound(logger, runtimeId, AccountId);
            await AnnounceAsync(runtimeId);
        }

        return Snapshot();
    }

    public async Task<AccountSnapshot> UnregisterRuntimeAsync(string runtimeId)
    {
        RequireExists();
        if (Account.Runtimes.ContainsKey(runtimeId))
        {
            await RecordAsync(AuditActions.RuntimeUnbound, runtimeId, "bound to another account");
            await MutateAsync(account => account.Runtimes.Remove(runtimeId));
            await AnnounceAsync(runtimeId);
        }

        // Conditional on the directory still naming this account, so a move that is already recorded stays.
        await RuntimeDirectory(runtimeId).UnbindAsync(AccountId);
        return Snapshot();
    }

    public Task RecordRuntimeIdentityRefusedAsync(string runtimeId, string reason)
    {
        RequireExists();
        if (!Account.Runtimes.ContainsKey(runtimeId))
        {
            throw new ResourceNotFoundException("runtime", ResourceIds.Printable(runtimeId));
        }

        return _audit.RecordChangeAsync(
            new AuditRecord(AccountId, "placement", AuditActorKinds.System, AuditActions.RuntimeIdentityRefused, AuditOutcomes.Refused)
            {
                RuntimeId = runtimeId,
                Reason = reason,
            });
    }

    public Task RecordRejectedRequestAsync(RejectedCredentialRequest rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        RequireExists();
        if (!Account.Runtimes.ContainsKey(rejected.RuntimeId))
        {
            throw new ResourceNotFoundException("runtime", ResourceIds.Printable(rejected.RuntimeId));
        }

        if (rejected.CredentialRef is { } named
            && (!CredentialRef.TryParse(named, out var credentialRef)
                || credentialRef.Value.Account != AccountId || credentialRef.Value.Runtime != rejected.RuntimeId))
        {
            throw new ResourceNotFoundException("credential", ResourceIds.Printable(named));
        }

        return _audit.RecordChangeAsync(
            new AuditRecord(AccountId, CredentialAudit.Agent(rejected.AgentId, rejected.RuntimeId).Actor, AuditActorKinds.Agent,
                AuditActions.CredentialRequestRejected, AuditOutcomes.Rejected)
            {
                RuntimeId = rejected.RuntimeId,
                CredentialRef = rejected.CredentialRef,
                Reason = rejected.Reason,
            });
    }

    public Task<IReadOnlyList<CredentialSnapshot>> ListCredentialsAsync(CredentialStatus? status)
    {
        RequireExists();
        return Task.FromResult(IndexEntries(status));
    }

    public Task<IReadOnlyDictionary<string, CredentialCounts>> CountCredentialsByRuntimeAsync()
    {
        RequireExists();
        return Task.FromResult<IReadOnlyDictionary<string, CredentialCounts>>(_index.Values
            .GroupBy(c => CredentialRef.Parse(c.CredentialRef).Runtime, StringComparer.Ordinal)
            .ToDictionary(runtime => runtime.Key, runtime => CredentialCounts.Of(runtime.Select(c => c.Status)), StringComparer.Ordinal));
    }

    public Task<CredentialIndexRead> ListCredentialsIfChangedAsync(string? knownTag)
    {
        RequireExists();
        var tag = _indexTag.ToString();
        return Task.FromResult(string.Equals(tag, knownTag, StringComparison.Ordinal)
            ? new CredentialIndexRead(tag, null)
            : new CredentialIndexRead(tag, IndexEntries(status: null)));
    }

    /// <summary>The credential index ordered by credential ref, optionally only credentials in one status.</summary>
    private IReadOnlyList<CredentialSnapshot> IndexEntries(CredentialStatus? status) =>
    [
        .. _index.Values
            .Where(c => status is null || c.Status == status)
            .OrderBy(c => c.CredentialRef, StringComparer.Ordinal),
    ];

    public async Task IndexCredentialAsync(CredentialSnapshot credential)
    {
        RequireExists();
        if (!CredentialRef.TryParse(credential.CredentialRef, out var credentialRef)
            || !string.Equals(credentialRef.Value.Account, AccountId, StringComparison.Ordinal))
        {
            LogRefused(logger, ResourceIds.Printable(credential.CredentialRef), AccountId);
            throw new ResourceNotFoundException("credential", ResourceIds.Printable(credential.CredentialRef));
        }

        if (!await IndexAsync([credential]))
        {
            return;
        }

        await ListAsync(); // a key that starts or stops waiting changes the account's row; other changes write nothing

        await _events.PublishAsync(new AccountEvent(AccountId, AccountEventKind.Credential, clock.GetUtcNow()) { Credential = credential });
    }

    /// <summary>
    /// Records this account as the runtime's one account in the runtime directory (which answers while the runtime's
    /// host is down), and makes the account it was bound to before forget it. Runs before this account's own state
    /// changes, so a failure leaves the runtime where it was here.
    /// </summary>
    private async Task ClaimRuntimeAsync(string runtimeId)
    {
        var previous = await RuntimeDirectory(runtimeId).BindAsync(AccountId);
        if (previous is not null)
        {
            LogRuntimeMoved(logger, runtimeId, previous, AccountId);
            await GrainFactory.GetGrain<IAccountGrain>(previous).UnregisterRuntimeAsync(runtimeId);
        }
    }

    private IRuntimeDirectoryGrain RuntimeDirectory(string runtimeId) => GrainFactory.GetGrain<IRuntimeDirectoryGrain>(runtimeId);

    /// <summary>Writes the audit row of an account change about to be made; the change is refused if it cannot be written.</summary>
    private Task RecordAsync(string action, string? runtimeId = null, string? reason = null)
    {
        var actor = AuditActor.Current;
        return _audit.RecordChangeAsync(
            new AuditRecord(AccountId, actor.Name, actor.Kind, action, AuditOutcomes.Accepted) { RuntimeId = runtimeId, Reason = reason });
    }

    /// <summary>Tells live views that members, runtimes or settings changed; they re-read what they show.</summary>
    private Task AnnounceAsync(string? runtimeId = null) =>
        _events.PublishAsync(new AccountEvent(AccountId, AccountEventKind.Account, clock.GetUtcNow()) { RuntimeId = runtimeId });

    /// <summary>
    /// Applies a change and persists it, then lists the account as it now is; a failed write leaves memory as it was
    /// and drops this activation.
    /// </summary>
    private async Task MutateAsync(Action<AccountState> change)
    {
        await state.ChangeAsync(copier, change, this.DeactivateOnIdle);
        await ListAsync();
    }

    /// <summary>
    /// Keeps the account's row in the account directory in step with its state. The state is the truth and is already
    /// stored: a row that cannot be written is retried every <see cref="ListingRetryPeriod"/> while this activation
    /// lives, and again at the next activation, rather than failing the change that was made.
    /// </summary>
    private async Task ListAsync()
    {
        var summary = Account.Exists
            ? WithKeysWaiting(Snapshot())
            : null;
        if (summary is null || summary == _listed)
        {
            return;
        }

        try
        {
            await directory.RecordAsync(summary, CancellationToken.None);
            _listed = summary;
            _listingRetry?.Dispose();
            _listingRetry = null;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogListingFailed(logger, error, AccountId);
            _listingRetry ??= this.RegisterGrainTimer(
                _ => ListAsync(), new GrainTimerCreationOptions(ListingRetryPeriod, ListingRetryPeriod) { KeepAlive = true });
        }
    }

    /// <summary>
    /// Stores the snapshots newer than the index's entries, then takes them into memory; false if none was newer. A
    /// failed write leaves memory as it was and drops this activation: the write may have landed, and the next
    /// activation reads what the rows hold.
    /// </summary>
    private async Task<bool> IndexAsync(IEnumerable<CredentialSnapshot> snapshots)
    {
        var newer = new Dictionary<string, CredentialSnapshot>(StringComparer.Ordinal);
        foreach (var snapshot in snapshots)
        {
            var known = newer.GetValueOrDefault(snapshot.CredentialRef) ?? _index.GetValueOrDefault(snapshot.CredentialRef);
            if (snapshot.IsNewerThan(known))
            {
                newer[snapshot.CredentialRef] = snapshot;
            }
        }

        if (newer.Count == 0)
        {
            return false;
        }

        try
        {
            await indexStore.WriteAsync(AccountId, [.. newer.Values], CancellationToken.None);
        }
        catch
        {
            this.DeactivateOnIdle();
            throw;
        }

        foreach (var (credentialRef, snapshot) in newer)
        {
            _index[credentialRef] = snapshot;
        }

        _indexTag = _indexTag.Next();
        return true;
    }

    private void RequireExists()
    {
        if (!Account.Exists)
        {
            throw new ResourceNotFoundException("account", AccountId);
        }
    }

    private void RequireAnotherOwner(string subject)
    {
        if (!Account.Members.Any(m => m.Value == MemberRole.Owner && m.Key != subject))
        {
            throw new AccountConflictException(AccountId, AccountConflictKind.LastOwner, $"'{subject}' is the last owner of account '{AccountId}'.");
        }
    }

    private static string RequireDisplayName(string? displayName)
    {
        var trimmed = displayName?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > 100 || trimmed.Any(char.IsControl)
            ? throw new ArgumentException("A display name is 1–100 printable characters.", nameof(displayName))
            : trimmed;
    }

    /// <summary>The account's listing: its keys waiting for an admin, and since when the longest-waiting one was requested.</summary>
    private AccountSummary WithKeysWaiting(AccountSnapshot account)
    {
        var waiting = _index.Values.Where(c => c.Status == CredentialStatus.Pending).ToList();
        return AccountSummary.Of(account, waiting.Count, waiting.Count == 0 ? null : waiting.Min(c => c.RequestedAt));
    }

    private AccountSnapshot Snapshot() => new(
        AccountId,
        Account.DisplayName,
        Account.CreatedAt,
        Account.SkillsPocEnabled,
        new Dictionary<string, MemberRole>(Account.Members, StringComparer.Ordinal),
        [.. Account.Runtimes.Values.OrderBy(r => r.RuntimeId, StringComparer.Ordinal)]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} created with owner {Owner}")]
    private static partial void LogCreated(ILogger logger, string accountId, string owner);

    [LoggerMessage(Level = LogLevel.Information, Message = "Runtime {RuntimeId} registered with account {AccountId}")]
    private static partial void LogRuntimeRegistered(ILogger logger, string runtimeId, string accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Runtime {RuntimeId} bound to account {AccountId}")]
    private static partial void LogRuntimeBound(ILogger logger, string runtimeId, string accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Runtime {RuntimeId} moves from account {Previous} to {AccountId}")]
    private static partial void LogRuntimeMoved(ILogger logger, string runtimeId, string previous, string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} could not hand its stored skill catalogs to their runtimes; retried when it is next activated")]
    private static partial void LogLegacyCatalogsFailed(ILogger logger, Exception error, string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} could not be written to the account directory; retrying")]
    private static partial void LogListingFailed(ILogger logger, Exception error, string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused credential {CredentialRef} to account {AccountId}: not one of its credentials")]
    private static partial void LogRefused(ILogger logger, string credentialRef, string accountId);
}
