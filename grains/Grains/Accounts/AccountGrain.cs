using Microsoft.Extensions.Logging;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Events;
using SkillsOrleans.Contracts.Fleet;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Model.Identifiers;

using SkillsOrleans.Grains.Audit;
using SkillsOrleans.Grains.Events;

namespace SkillsOrleans.Grains.Accounts;

/// <summary>
/// The tenant boundary. Credential calls are checked here (the ref must name this account and one of its runtimes)
/// before the CredentialGrain is touched; the grain then checks the account again on its side.
/// </summary>
[GrainType("account")] // pinned: persisted state is keyed by grain type name
public sealed partial class AccountGrain(
    [PersistentState("account", GrainStorageNames.State)] IPersistentState<AccountState> state,
    IAuditTrail auditTrail,
    TimeProvider clock,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    private AccountEventPublisher _events = null!;
    private AuditRecorder _audit = null!;

    private string AccountId => this.GetPrimaryKeyString();

    private AccountState Account => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ResourceIds.RequireAccountId(AccountId);
        _events = AccountEventPublisher.For(ServiceProvider, logger);
        _audit = new AuditRecorder(auditTrail, _events, clock, logger);
        if (Account.Exists)
        {
            // Lists accounts created before the fleet index existed; a failure only delays that to the next activation.
            try
            {
                await GrainFactory.FleetIndex().RecordAccountAsync(AccountId);
            }
            catch (Exception error)
            {
                LogFleetIndexFailed(logger, error, AccountId);
            }
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
            await GrainFactory.FleetIndex().RecordAccountAsync(AccountId);
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
        await GrainFactory.FleetIndex().RecordAccountAsync(AccountId);
        LogCreated(logger, AccountId, owner);
        return Snapshot();
    }

    public Task<AccountSnapshot?> GetAsync() => Task.FromResult(Account.Exists ? Snapshot() : null);

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
            await MutateAsync(account =>
            {
                account.Runtimes.Remove(runtimeId);
                account.SkillCatalogs.Remove(runtimeId);
            });
            await AnnounceAsync(runtimeId);
        }

        // Conditional on the directory still naming this account, so a move that is already recorded stays.
        await RuntimeDirectory(runtimeId).UnbindAsync(AccountId);
        return Snapshot();
    }

    public async Task PublishSkillCatalogAsync(SkillCatalog catalog)
    {
        RequireExists();
        if (!Account.Runtimes.ContainsKey(catalog.RuntimeId))
        {
            throw new ResourceNotFoundException("runtime", catalog.RuntimeId);
        }

        await MutateAsync(account => account.SkillCatalogs[catalog.RuntimeId] = catalog);
        LogCatalogPublished(logger, catalog.RuntimeId, AccountId, catalog.Skills.Count);
        await _events.PublishAsync(
            new AccountEvent(AccountId, AccountEventKind.Skills, clock.GetUtcNow()) { RuntimeId = catalog.RuntimeId, SkillCount = catalog.Skills.Count });
    }

    public Task<IReadOnlyList<SkillCatalog>> ListSkillCatalogsAsync()
    {
        RequireExists();
        IReadOnlyList<SkillCatalog> catalogs = [.. Account.SkillCatalogs.Values.OrderBy(c => c.RuntimeId, StringComparer.Ordinal)];
        return Task.FromResult(catalogs);
    }

    public Task<IReadOnlyList<CredentialSnapshot>> ListCredentialsAsync(CredentialStatus? status)
    {
        RequireExists();
        IReadOnlyList<CredentialSnapshot> credentials =
        [
            .. Account.Credentials.Values
                .Where(c => status is null || c.Status == status)
                .OrderBy(c => c.CredentialRef, StringComparer.Ordinal),
        ];
        return Task.FromResult(credentials);
    }

    public async Task<CredentialSnapshot> GetCredentialAsync(CredentialRef credentialRef)
    {
        var credential = await CredentialOf(credentialRef).GetAsync(AccountId);
        return credential ?? throw new ResourceNotFoundException("credential", credentialRef.ToString());
    }

    public async Task<CredentialRequestResult> RequestCredentialAsync(CredentialRef credentialRef, CredentialRequest request)
    {
        var result = await CredentialOf(credentialRef).RequestAsync(AccountId, request);
        await IndexAsync(result.Credential);
        return result;
    }

    public async Task<CredentialSnapshot> ActivateCredentialAsync(CredentialRef credentialRef, CredentialActivation activation)
    {
        var credential = await CredentialOf(credentialRef).ActivateAsync(AccountId, activation);
        await IndexAsync(credential);
        return credential;
    }

    public async Task<CredentialSnapshot> SubmitCredentialAsync(CredentialRef credentialRef, CredentialSubmission submission)
    {
        var credential = await CredentialOf(credentialRef).SubmitAsync(AccountId, submission);
        await IndexAsync(credential);
        return credential;
    }

    public async Task<CredentialSnapshot> RevokeCredentialAsync(CredentialRef credentialRef, CredentialRevocation revocation)
    {
        var credential = await CredentialOf(credentialRef).RevokeAsync(AccountId, revocation);
        await IndexAsync(credential);
        return credential;
    }

    /// <summary>The one gate to a CredentialGrain: this account, existing, and a runtime bound to it.</summary>
    private ICredentialGrain CredentialOf(CredentialRef credentialRef)
    {
        if (!Account.Exists
            || !string.Equals(credentialRef.Account, AccountId, StringComparison.Ordinal)
            || !Account.Runtimes.ContainsKey(credentialRef.Runtime))
        {
            LogRefused(logger, credentialRef.ToString(), AccountId);
            throw new ResourceNotFoundException("credential", credentialRef.ToString());
        }

        return GrainFactory.GetGrain<ICredentialGrain>(credentialRef.ToString());
    }

    private async Task IndexAsync(CredentialSnapshot credential)
    {
        if (Account.Credentials.TryGetValue(credential.CredentialRef, out var indexed) && indexed == credential)
        {
            return;
        }

        await MutateAsync(account => account.Credentials[credential.CredentialRef] = credential);
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

    /// <summary>Applies a change and persists it; if the write fails, the in-memory state is reloaded from storage.</summary>
    private async Task MutateAsync(Action<AccountState> change)
    {
        change(Account);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            await state.ReadStateAsync();
            throw;
        }
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Runtime {RuntimeId} published {SkillCount} skills to account {AccountId}")]
    private static partial void LogCatalogPublished(ILogger logger, string runtimeId, string accountId, int skillCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} could not be listed in the fleet index; retried when it is next activated")]
    private static partial void LogFleetIndexFailed(ILogger logger, Exception error, string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused credential {CredentialRef} to account {AccountId}: not one of its credentials")]
    private static partial void LogRefused(ILogger logger, string credentialRef, string accountId);
}
