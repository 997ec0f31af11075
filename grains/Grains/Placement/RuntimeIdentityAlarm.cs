using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Grains.Telemetry;

namespace SkillsOrleans.Grains.Placement;

/// <summary>
/// Makes a refused runtime claim loud: every refusal counts in <c>skillsorleans.runtime_identity.refused</c>, and
/// each distinct situation (runtime, reason, silos) is logged as an error and audited under the runtime's account
/// once per quarter hour, so a lingering impostor keeps showing without flooding the trail.
/// </summary>
public sealed partial class RuntimeIdentityAlarm(
    IServiceProvider services,
    TimeProvider time,
    ILogger<RuntimeIdentityAlarm> logger)
{
    private static readonly TimeSpan RepeatAfter = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastRaised = new(StringComparer.Ordinal);

    public void Raise(string runtimeId, RuntimeHostChoice choice)
    {
        foreach (var impostor in choice.Impostors)
        {
            Report(runtimeId, "unproven", $"silo {impostor.Silo} claims it without proof: {impostor.Refusal}");
        }

        if (choice.Refusal is not null && choice.Impostors.Count == 0)
        {
            Report(runtimeId, "duplicate", choice.Refusal);
        }
    }

    private void Report(string runtimeId, string kind, string reason)
    {
        SkillsOrleansTelemetry.RuntimeIdentityRefused(kind);
        var now = time.GetUtcNow();
        var key = $"{runtimeId}\n{reason}";
        if (_lastRaised.TryGetValue(key, out var last) && now - last < RepeatAfter)
        {
            return;
        }

        _lastRaised[key] = now;
        LogRefused(logger, runtimeId, reason);
        // Placement must not wait on the database: the audit row is written on the side.
        _ = Task.Run(() => AuditAsync(runtimeId, reason));
    }

    private async Task AuditAsync(string runtimeId, string reason)
    {
        try
        {
            var grains = services.GetRequiredService<IGrainFactory>();
            var binding = await grains.GetGrain<IRuntimeDirectoryGrain>(runtimeId).GetAsync();
            if (binding is null)
            {
                return; // an unbound runtime belongs to no account whose trail could show it; the log and metric do
            }

            await grains.GetGrain<IAccountGrain>(binding.AccountId).RecordRuntimeIdentityRefusedAsync(runtimeId, reason);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            LogAuditFailed(logger, error, runtimeId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Runtime {RuntimeId}: placement refused a host claim: {Reason}")]
    private static partial void LogRefused(ILogger logger, string runtimeId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runtime {RuntimeId}: the refused host claim could not be audited")]
    private static partial void LogAuditFailed(ILogger logger, Exception error, string runtimeId);
}
