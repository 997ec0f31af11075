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
        };
    }
}
