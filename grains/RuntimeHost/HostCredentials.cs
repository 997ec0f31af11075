using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Model.Skills;
using SkillsOrleans.RuntimeHost.Diagnostics;
using SkillsOrleans.RuntimeHost.OpenClaw;
using SkillsOrleans.RuntimeHost.Sealing;
using SkillsOrleans.RuntimeHost.Secrets;
using SkillsOrleans.RuntimeHost.Telemetry;

namespace SkillsOrleans.RuntimeHost;

/// <summary>
/// Keeps the host's three places in step: the secret file, OpenClaw's <c>openclaw.json</c> and the running gateway.
/// A delivery is all or nothing on the host: the value goes into the secret file first (the config may only point at
/// what exists), then the config; if the config cannot be written, the secret file is put back as it was.
/// A withdrawal runs the other way round: the config stops pointing at the value, then the value goes.
/// Either way the gateway is asked to reload, and keeps being asked until it confirms.
/// <para>
/// One instance serves the host (a singleton of <see cref="RuntimeHostServiceCollectionExtensions.AddRuntimeHost"/>)
/// and is the one writer of these files: a store, a withdrawal and a reconciliation each read the secret file and the
/// managed keys and write both files, so they run one at a time behind its lock, whoever calls them.
/// </para>
/// </summary>
public sealed partial class HostCredentials(
    HostSecretStore secrets,
    OpenClawConfigFile config,
    OpenClawSecretProvider provider,
    GatewayReloadCoordinator reload,
    string accountId,
    TimeProvider clock,
    ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private IReadOnlyCollection<ManagedEntry> _managed = [];
    private DateTimeOffset? _lastAppliedAt;
    private string? _configError;

    /// <summary>What the config holds on our behalf, to persist (names only) and restore after a restart.</summary>
    public IReadOnlyCollection<ManagedEntry> Managed => _managed;

    public bool ConfigOutOfStep => _configError is not null;

    public void Restore(IReadOnlyCollection<ManagedEntry> managed) => _managed = managed;

    /// <summary>Keys openclaw.json holds as literal values this host does not manage (names only); see <see cref="UnmanagedConfigKeys"/>.</summary>
    public IReadOnlyList<(string SkillKey, string KeyName)> FindUnmanagedConfigKeys(IReadOnlyList<SkillManifest> catalog) =>
        UnmanagedConfigKeys.Find(config.Read().Text, catalog, _managed);

    /// <summary>The literal value openclaw.json holds for a key this host does not manage, or null.</summary>
    public OpenedSecret? ReadUnmanagedConfigValue(CredentialRef credential, IReadOnlyList<SkillManifest> catalog) =>
        UnmanagedConfigKeys.Read(config.Read().Text, credential, catalog, _managed);

    public async Task<string> StoreAsync(CredentialRef credential, string value, IReadOnlyList<SkillManifest> catalog)
    {
        var steps = RuntimeHostTelemetry.SecretStoreSteps();
        using var writer = await OneWriterAsync();
        steps.Mark("writer_wait");
        using var span = SecretWriteSpan("store", credential);
        var started = Stopwatch.GetTimestamp();
        var address = StoredKeyAddress.Of(credential);
        var hadPrevious = secrets.TryGet(address, out var previous);
        OweReloadBeforeWriting($"storing {credential}");
        steps.Mark("owe_reload");
        var fingerprint = await secrets.SetAsync(address, value);
        steps.Mark("secret_file");
        CrashPoints.Reach(CrashPoints.HostAfterSecretFile);
        try
        {
            await ApplyConfigAsync(catalog, withdrawing: null);
            steps.Mark("config");
        }
        catch (OpenClawConfigRejectedException)
        {
            if (hadPrevious)
            {
                await secrets.SetAsync(address, previous!);
            }
            else
            {
                await secrets.RemoveAsync(address);
            }

            throw;
        }

        CrashPoints.Reach(CrashPoints.HostAfterConfig);
        reload.RequestReload($"stored {credential}");
        SecretWritten("store", started);
        return fingerprint;
    }

    public async Task WithdrawAsync(CredentialRef credential, IReadOnlyList<SkillManifest> catalog)
    {
        using var writer = await OneWriterAsync();
        using var span = SecretWriteSpan("withdraw", credential);
        var started = Stopwatch.GetTimestamp();
        var address = StoredKeyAddress.Of(credential);
        OweReloadBeforeWriting($"withdrawing {credential}");
        await ApplyConfigAsync(catalog, withdrawing: address);
        CrashPoints.Reach(CrashPoints.HostWithdrawAfterConfig);
        await secrets.RemoveAsync(address);
        reload.RequestReload($"withdrew {credential}");
        SecretWritten("withdraw", started);
    }

    /// <summary>
    /// The reload a change owes the gateway is recorded on disk before the first file changes, so that a crash
    /// between the writes still leaves it owed (and resumed at the next start). The request made after the writes
    /// is what makes a reload attempt already under way count as too early.
    /// </summary>
    private void OweReloadBeforeWriting(string reason) => reload.RequestReload(reason);

    /// <summary>The span of one write on the host; it names the ref only, and its reload continues its trace.</summary>
    private static Activity? SecretWriteSpan(string operation, CredentialRef credential) =>
        RuntimeHostTelemetry.Activities.StartActivity("secret." + operation)?
            .SetTag("skillsorleans.credential_ref", credential.ToString());

    private static void SecretWritten(string operation, long started) =>
        RuntimeHostTelemetry.SecretWriteDuration.Record(
            RuntimeHostTelemetry.SecondsSince(started), new KeyValuePair<string, object?>("operation", operation));

    /// <summary>Brings the config in step with the secret file (at start, when the catalog changes, after a failure).</summary>
    public async Task ReconcileAsync(IReadOnlyList<SkillManifest> catalog)
    {
        using var writer = await OneWriterAsync();
        try
        {
            if (await ApplyConfigAsync(catalog, withdrawing: null))
            {
                reload.RequestReload("config brought in step");
            }
        }
        catch (Exception error) when (error is OpenClawConfigRejectedException or SecretStoreUnavailableException)
        {
            LogReconcileFailed(logger, error.Message);
        }
    }

    public Task RunPendingReloadAsync() => reload.RunPendingAsync(clock.GetUtcNow());

    public bool ReloadPending => reload.IsPending;

    public OpenClawConfigStatus ConfigStatus() =>
        new(_configError is null, config.FilePath, _lastAppliedAt, _managed.Count, _configError);

    public GatewayReloadHealth ReloadHealth() => reload.Health();

    public void Dispose() => _writeGate.Dispose();

    /// <summary>Waits for the host files' writer lock; disposing the result releases it.</summary>
    private async Task<WriterTurn> OneWriterAsync()
    {
        await _writeGate.WaitAsync();
        return new WriterTurn(_writeGate);
    }

    /// <returns>True when the file changed.</returns>
    private async Task<bool> ApplyConfigAsync(IReadOnlyList<SkillManifest> catalog, StoredKeyAddress? withdrawing)
    {
        var desired = secrets.ListAddresses()
            .Where(stored => stored.Account == accountId && stored != withdrawing)
            .Select(stored => Desired(stored, catalog))
            .ToList();
        try
        {
            var result = await config.ApplyAsync(provider, desired, _managed);
            _managed = result.Managed;
            _lastAppliedAt = clock.GetUtcNow();
            _configError = null;
            return result.Changed;
        }
        catch (OpenClawConfigRejectedException error)
        {
            _configError = error.Message;
            throw;
        }
    }

    /// <summary>
    /// The skill's primary env goes in as a file SecretRef; any other key as a plain env value. Whether a key is the
    /// primary one comes from the installed skill, or from what we wrote before if the skill is not installed now.
    /// </summary>
    private DesiredCredential Desired(StoredKeyAddress stored, IReadOnlyList<SkillManifest> catalog)
    {
        var skill = catalog.FirstOrDefault(s => s.ParseError is null && s.SkillKey == stored.SkillKey);
        var isPrimary = skill is not null
            ? skill.PrimaryEnv == stored.KeyName
            : _managed.Any(m => m.Address == stored && m.IsPrimaryEnv);
        if (isPrimary)
        {
            return DesiredCredential.PrimaryEnv(stored);
        }

        secrets.TryGet(stored, out var value);
        return DesiredCredential.Env(stored, value!);
    }

    private readonly struct WriterTurn(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenClaw config could not be brought in step: {Reason}")]
    private static partial void LogReconcileFailed(ILogger logger, string reason);
}
