using Microsoft.Extensions.Configuration;
using SkillsOrleans.Grains.Runtimes;

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
        return new RuntimeHostOptions
        {
            RuntimeId = runtimeId,
            AccountId = account,
            WorkspaceDir = Path.GetFullPath(workspace),
            SkillSyncInterval = ParseInterval(configuration["SKILL_SYNC_INTERVAL"]) ?? TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>SKILL_SYNC_INTERVAL: seconds ("60"), or a time span ("00:01:00"); at least one second.</summary>
    public static TimeSpan? ParseInterval(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var interval = int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var span)
                ? span
                : throw new InvalidOperationException($"SKILL_SYNC_INTERVAL '{value}' is neither seconds nor a time span.");
        return interval >= TimeSpan.FromSeconds(1)
            ? interval
            : throw new InvalidOperationException("SKILL_SYNC_INTERVAL must be at least one second.");
    }
}
