using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Api.Runtimes;

/// <summary>
/// A runtime host reports its failures in its own words (exception messages naming files, modes, OpenClaw's
/// complaints). Account members read a stable code in their place — <c>registration-failed</c>,
/// <c>skill-sync-failed</c>, <c>secret-store-faulted</c>, <c>openclaw-config-rejected</c>, <c>gateway-reload-failed</c>,
/// <c>reconciliation-failed</c> — and the words stay with operators: the silo's log, and the platform's fleet view,
/// where they are shown bounded and free of control characters.
/// </summary>
public static class HostErrorCodes
{
    public const string RegistrationFailed = "registration-failed";
    public const string SkillSyncFailed = "skill-sync-failed";
    public const string SecretStoreFaulted = "secret-store-faulted";
    public const string OpenClawConfigRejected = "openclaw-config-rejected";
    public const string GatewayReloadFailed = "gateway-reload-failed";
    public const string ReconciliationFailed = "reconciliation-failed";

    public static RuntimeHealth ForMembers(RuntimeHealth health)
    {
        ArgumentNullException.ThrowIfNull(health);
        return health with
        {
            Runtime = health.Runtime with { RegistrationError = Code(health.Runtime.RegistrationError, RegistrationFailed) },
            SkillSync = health.SkillSync with { LastError = Code(health.SkillSync.LastError, SkillSyncFailed) },
            SecretStore = health.SecretStore with { Error = Code(health.SecretStore.Error, SecretStoreFaulted) },
            OpenClawConfig = health.OpenClawConfig with { LastError = Code(health.OpenClawConfig.LastError, OpenClawConfigRejected) },
            GatewayReload = ForMembers(health.GatewayReload)!,
            Reconciliation = health.Reconciliation with { LastError = Code(health.Reconciliation.LastError, ReconciliationFailed) },
        };
    }

    public static RuntimeListing ForMembers(RuntimeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return listing with
        {
            GatewayReload = ForMembers(listing.GatewayReload),
            RegistrationError = Code(listing.RegistrationError, RegistrationFailed),
        };
    }

    /// <summary>For platform administrators: the host's words, bounded and without control characters.</summary>
    public static RuntimeListing ForOperators(RuntimeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return listing with
        {
            GatewayReload = listing.GatewayReload is { } reload ? reload with { LastError = Printable(reload.LastError) } : null,
            RegistrationError = Printable(listing.RegistrationError),
        };
    }

    private static GatewayReloadStatus? ForMembers(GatewayReloadStatus? reload) =>
        reload is null ? null : reload with { LastError = Code(reload.LastError, GatewayReloadFailed) };

    private static string? Code(string? error, string code) => error is null ? null : code;

    private static string? Printable(string? error) => error is null ? null : ResourceIds.Printable(error);
}
