using System.Diagnostics;
using System.Globalization;

namespace SkillsOrleans.RuntimeHost.Diagnostics;

/// <summary>
/// Named places between two durable steps of a delivery or revocation, where the crash tests make this process die
/// as <c>kill -9</c> would: <c>SKILLSORLEANS_CRASH_POINTS</c> lists point names (or <c>*</c> for all) and
/// <c>SKILLSORLEANS_CRASH_CHANCE</c> (0–1, default 1) is the chance that reaching a listed point kills the process.
/// Unset, as in every deployment, reaching a point costs one field read. A line on standard error names the point
/// first, so a test can tell a planned death from a fault.
/// </summary>
public static class CrashPoints
{
    public const string HostAfterSecretFile = "host.after-secret-file";
    public const string HostAfterConfig = "host.after-config";
    public const string HostWithdrawAfterConfig = "host.withdraw.after-config";
    public const string CredentialAfterAudit = "credential.after-audit";
    public const string CredentialAfterHostCommit = "credential.after-host-commit";
    public const string CredentialAfterSave = "credential.after-save";
    public const string CredentialRevokeAfterWithdraw = "credential.revoke.after-withdraw";
    public const string CredentialRevokeAfterSave = "credential.revoke.after-save";

    public static IReadOnlyList<string> All { get; } =
    [
        HostAfterSecretFile, HostAfterConfig, HostWithdrawAfterConfig, CredentialAfterAudit, CredentialAfterHostCommit,
        CredentialAfterSave, CredentialRevokeAfterWithdraw, CredentialRevokeAfterSave,
    ];

    private static readonly CrashSwitch? Configured = CrashSwitch.Parse(
        Environment.GetEnvironmentVariable("SKILLSORLEANS_CRASH_POINTS"),
        Environment.GetEnvironmentVariable("SKILLSORLEANS_CRASH_CHANCE"));

    /// <summary>Whether this process was started with crash points armed (reported once at start-up).</summary>
    public static bool Armed => Configured is not null;

    public static void Reach(string point)
    {
        if (Configured is { } armed && armed.Fires(point))
        {
            Console.Error.WriteLine($"crash point {point} reached: killing process {Environment.ProcessId}");
            Console.Error.Flush();
            Process.GetCurrentProcess().Kill(); // SIGKILL: no finally block, no flush, no graceful leave
        }
    }

    /// <summary>Which points are armed, and how likely each is to fire.</summary>
    internal sealed record CrashSwitch(IReadOnlySet<string> Points, bool AllPoints, double Chance)
    {
        public static CrashSwitch? Parse(string? points, string? chance)
        {
            if (string.IsNullOrWhiteSpace(points))
            {
                return null;
            }

            var names = points.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            var probability = double.TryParse(chance, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 0, 1) : 1;
            return new CrashSwitch(names, names.Contains("*"), probability);
        }

        public bool Fires(string point) =>
            (AllPoints || Points.Contains(point)) && (Chance >= 1 || Random.Shared.NextDouble() < Chance);
    }
}
