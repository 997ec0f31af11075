using System.Text.Encodings.Web;
using System.Text.Json;

namespace SkillsOrleans.CrashHarness;

/// <summary>What a crash run measured. Secret values never appear: failures name credential refs and operation numbers.</summary>
public sealed record Figures
{
    public required int Seed { get; init; }

    public required string RunDirectory { get; init; }

    public required double DurationSeconds { get; init; }

    public required int Rounds { get; init; }

    public required int OperationsAttempted { get; init; }

    public required int OperationsAcknowledged { get; init; }

    public required int OperationsRefused { get; init; }

    public required int OperationsUnknown { get; init; }

    /// <summary>Acknowledged by the surviving API while the other one was down.</summary>
    public required int AcknowledgedWhileAnApiWasDown { get; init; }

    public required SortedDictionary<string, int> KillsByKind { get; init; }

    public required IReadOnlyList<string> CrashPointsNotReached { get; init; }

    public required IReadOnlyList<string> UnexpectedExits { get; init; }

    public required IReadOnlyList<string> StartFailures { get; init; }

    /// <summary>Credentials whose secret file or API state did not match their history within the bound.</summary>
    public required int AcknowledgedAndLost { get; init; }

    /// <summary>Credentials whose openclaw.json did not follow the secret file within the bound (the rest being right).</summary>
    public required int ConfigOutOfStep { get; init; }

    public required double ConvergenceBoundSeconds { get; init; }

    public required int RoundsNotConverged { get; init; }

    public required double? ConvergeP50Seconds { get; init; }

    public required double? ConvergeP99Seconds { get; init; }

    public required double? ConvergeMaxSeconds { get; init; }

    public required int FileChecks { get; init; }

    public required IReadOnlyList<string> FileViolations { get; init; }

    /// <summary>Null when a dashboard cookie from one API opened the dashboard on the other (at the start and at the end).</summary>
    public required string? DashboardCrossApiProblem { get; init; }

    /// <summary>Every credential that did not converge, round by round.</summary>
    public required IReadOnlyList<string> Failures { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public void Print(TextWriter output)
    {
        output.WriteLine("==== crash run figures");
        output.WriteLine($"duration {DurationSeconds:0.0} s, {Rounds} rounds, seed {Seed}, run directory {RunDirectory}");
        output.WriteLine($"operations: {OperationsAttempted} attempted, {OperationsAcknowledged} acknowledged, {OperationsRefused} refused, " +
            $"{OperationsUnknown} unknown; {AcknowledgedWhileAnApiWasDown} acknowledged while an API was down");
        output.WriteLine($"kills: {string.Join(", ", KillsByKind.Select(k => $"{k.Key} {k.Value}"))}");
        output.WriteLine($"acknowledged and lost: {AcknowledgedAndLost}; openclaw.json out of step: {ConfigOutOfStep}");
        output.WriteLine($"converged: p50 {ConvergeP50Seconds:0.0} s, p99 {ConvergeP99Seconds:0.0} s, max {ConvergeMaxSeconds:0.0} s " +
            $"(bound {ConvergenceBoundSeconds:0} s; {RoundsNotConverged} rounds not converged)");
        output.WriteLine($"host files: {FileChecks} checks, {FileViolations.Count} violations");
        output.WriteLine($"dashboard cookie across APIs: {DashboardCrossApiProblem ?? "works"}");
        Section(output, "crash points armed but not reached", CrashPointsNotReached);
        Section(output, "unexpected exits", UnexpectedExits);
        Section(output, "restarts that failed", StartFailures);
        Section(output, "file violations", FileViolations);
        Section(output, "failures", Failures);
    }

    private static void Section(TextWriter output, string title, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        output.WriteLine($"{title}:");
        foreach (var line in lines)
        {
            output.WriteLine("  " + line);
        }
    }
}
