using Microsoft.Extensions.Configuration;
using SkillsOrleans.RuntimeHost;
using SkillsOrleans.RuntimeHost.OpenClaw;
using SkillsOrleans.RuntimeHost.Requests;
using SkillsOrleans.RuntimeHost.Skills;

namespace SkillsOrleans.Hosting.Configuration;

/// <summary>Reads the runtime-host environment (RUNTIME_ID, RUNTIME_ACCOUNT, OPENCLAW_WORKSPACE_DIR).</summary>
public static class RuntimeHostSettings
{
    /// <summary>The runtime this silo hosts, or null for a core silo without a runtime role.</summary>
    public static RuntimeHostOptions? From(IConfiguration configuration)
    {
        var runtimeId = configuration["RUNTIME_ID"];
        if (string.IsNullOrWhiteSpace(runtimeId))
        {
            return null;
        }

        var account = configuration["RUNTIME_ACCOUNT"];
        if (string.IsNullOrWhiteSpace(account))
        {
            throw new InvalidOperationException($"RUNTIME_ID is '{runtimeId}' but RUNTIME_ACCOUNT is not set.");
        }

        var workspace = configuration["OPENCLAW_WORKSPACE_DIR"] is { Length: > 0 } dir ? dir : "/root/clawd";
        var stateDir = Path.GetFullPath(First(configuration, "OPENCLAW_STATE_DIR", "OPENCLAW_DATA_DIR") ?? "/root/.openclaw");
        return new RuntimeHostOptions
        {
            RuntimeId = runtimeId,
            AccountId = account,
            WorkspaceDir = Path.GetFullPath(workspace),
            StateDir = stateDir,
            ConfigPath = Path.GetFullPath(First(configuration, "OPENCLAW_CONFIG_PATH") ?? Path.Combine(stateDir, "openclaw.json")),
            SecretsFile = Path.GetFullPath(First(configuration, "RUNTIME_SECRETS_FILE") ?? Path.Combine(stateDir, "secrets", "runtime-secrets.json")),
            SealingKeyFile = Path.GetFullPath(First(configuration, "RUNTIME_SEALING_KEY_FILE") ?? Path.Combine(stateDir, "skillsorleans", "sealing-key.pem")),
            ConfigValidateCommand = First(configuration, "OPENCLAW_CONFIG_VALIDATE_COMMAND"),
            BundledSkillsDir = First(configuration, "OPENCLAW_BUNDLED_SKILLS_DIR") is { } bundled ? Path.GetFullPath(bundled) : null,
            Gateway = OpenClawGatewayOptions.FromEnvironment(key => key == "OPENCLAW_STATE_DIR" ? stateDir : configuration[key]),
            SkillSyncInterval = ParseInterval(configuration["SKILL_SYNC_INTERVAL"], "SKILL_SYNC_INTERVAL") ?? TimeSpan.FromSeconds(60),
            SkillRescanBackstop = ParseInterval(configuration["SKILL_RESCAN_BACKSTOP"], "SKILL_RESCAN_BACKSTOP") ?? TimeSpan.FromMinutes(10),
            ReconcileInterval = ParseReconcileInterval(configuration["RECONCILE_INTERVAL"]),
            RequestFileRetention = ParseRequestFileRetention(configuration["REQUEST_FILE_RETENTION"]),
            MaxRequestFilesPerScan = ParseLimit(configuration["REQUEST_FILES_PER_SCAN"], "REQUEST_FILES_PER_SCAN")
                ?? CredentialRequestInbox.DefaultMaxFilesPerTake,
            MaxSkillFoldersPerScan = ParseLimit(configuration["SKILL_FOLDERS_PER_SCAN"], "SKILL_FOLDERS_PER_SCAN")
                ?? SkillCatalogScanner.DefaultMaxFoldersPerScan,
        };
    }

    private static string? First(IConfiguration configuration, params string[] keys) =>
        keys.Select(key => configuration[key]).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));

    /// <summary>RECONCILE_INTERVAL: as <see cref="ParseInterval"/> (default 30 s), or <c>off</c> for tests that set credential states by hand.</summary>
    public static TimeSpan ParseReconcileInterval(string? value) =>
        string.Equals(value?.Trim(), "off", StringComparison.OrdinalIgnoreCase)
            ? Timeout.InfiniteTimeSpan
            : ParseInterval(value, "RECONCILE_INTERVAL") ?? TimeSpan.FromSeconds(30);

    /// <summary>REQUEST_FILE_RETENTION: as <see cref="ParseInterval"/>, days as <c>30.00:00:00</c> (default 30 days), or <c>off</c> to keep every filed request.</summary>
    public static TimeSpan ParseRequestFileRetention(string? value) =>
        string.Equals(value?.Trim(), "off", StringComparison.OrdinalIgnoreCase)
            ? Timeout.InfiniteTimeSpan
            : ParseInterval(value, "REQUEST_FILE_RETENTION") ?? RuntimeHostOptions.DefaultRequestFileRetention;

    /// <summary>A per-pass limit: a whole number from 1 to 1,000,000; null when not set.</summary>
    public static int? ParseLimit(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit)
            && limit is >= 1 and <= 1_000_000
                ? limit
                : throw new InvalidOperationException($"{name} '{value}' is not a whole number from 1 to 1000000.");
    }

    /// <summary>An interval setting: seconds ("60"), or a time span ("00:01:00"); at least one second.</summary>
    public static TimeSpan? ParseInterval(string? value, string name = "SKILL_SYNC_INTERVAL")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var interval = int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var span)
                ? span
                : throw new InvalidOperationException($"{name} '{value}' is neither seconds nor a time span.");
        return interval >= TimeSpan.FromSeconds(1)
            ? interval
            : throw new InvalidOperationException($"{name} must be at least one second.");
    }
}
