using System.Globalization;
using SkillsOrleans.CrashHarness;

namespace SkillsOrleans.StackBench;

/// <summary>The delivery benchmark's figures, its goals side by side with what was measured, as Markdown and JSON.</summary>
public sealed record DeliveryReport(
    DeliveryOptions Options,
    string LoadAtEnd,
    IReadOnlyList<double> Pickup,
    IReadOnlyList<double> FloorBefore,
    IReadOnlyList<double> FloorAfter,
    IReadOnlyList<double> CommitFloor,
    IReadOnlyList<double> Alone,
    IReadOnlyList<double> AcrossAccounts,
    IReadOnlyList<double> OneAccount,
    PostgresWrites Writes,
    IReadOnlyList<StepFigure> Steps,
    int DeliveriesCounted)
{
    private double Floor50 => P(FloorBefore, 50);

    /// <summary>What the durable steps a delivery takes one after another cost at the floors' medians.</summary>
    private double DesignFloor => (3 * P(CommitFloor, 50)) + (3 * Floor50);

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("| measured | n | p50 ms | p95 ms | p99 ms | max ms |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        Row(output, "disk floor: atomic 300-byte write (before)", FloorBefore);
        Row(output, "disk floor: atomic 300-byte write (after)", FloorAfter);
        Row(output, "PostgreSQL floor: one-row insert, committed", CommitFloor);
        Row(output, "request file → listed pending", Pickup);
        Row(output, "delivery, 1 admin", Alone);
        Row(output, $"delivery, {Options.Concurrency} admins on {Options.Concurrency} accounts", AcrossAccounts);
        Row(output, $"delivery, {Options.Concurrency} admins on 1 account", OneAccount);
        output.WriteLine();
        output.WriteLine("| goal | measured | met |");
        output.WriteLine("|---|---:|:---:|");
        Goal(output, "1 admin: p50 ≤ floor p50 + 5 ms", P(Alone, 50), Floor50 + 5);
        Goal(output, "1 admin: p99 ≤ 50 ms", P(Alone, 99), 50);
        Goal(output, $"{Options.Concurrency} accounts: p99 ≤ 100 ms", P(AcrossAccounts, 99), 100);
        Goal(output, "1 account: p99 ≤ 100 ms", P(OneAccount, 99), 100);
        Goal(output, "request file → pending: p99 ≤ 1,000 ms", P(Pickup, 99), 1000);
        output.WriteLine();
        output.WriteLine(Invariant($"1 admin / floor: p50 ×{P(Alone, 50) / Floor50:F1} (p50 {P(Alone, 50):F1} ms against {Floor50:F2} ms); load at the end {LoadAtEnd}"));
        output.WriteLine(Invariant($"the durable steps a delivery takes one after another (3 commits: audit row, credential state, account index; at least 3 atomic host files: secret file, openclaw.json, the owed-reload record) at the floors' p50: {DesignFloor:F1} ms; 1 admin p50 / that: ×{P(Alone, 50) / DesignFloor:F1}"));
        output.WriteLine();
        output.WriteLine(Invariant($"PostgreSQL per delivery (1 admin, {DeliveriesCounted} deliveries; commits include every read's transaction and the cluster's own background):"));
        output.WriteLine();
        output.WriteLine("| table | rows written per delivery |");
        output.WriteLine("|---|---:|");
        foreach (var (table, rows) in Writes.RowsByTable.OrderByDescending(t => t.Value))
        {
            output.WriteLine(Invariant($"| {table} | {(double)rows / DeliveriesCounted:F2} |"));
        }

        output.WriteLine(Invariant($"| (transactions committed) | {(double)Writes.Commits / DeliveriesCounted:F2} |"));
        new DeliveryTimeShares(Steps, Mean(Alone)).Print(output);
    }

    public object Figures() => new
    {
        options = Options,
        loadAtEnd = LoadAtEnd,
        floorBefore = Summary(FloorBefore),
        floorAfter = Summary(FloorAfter),
        commitFloor = Summary(CommitFloor),
        designFloorMs = DesignFloor,
        requestPickup = Summary(Pickup),
        deliveryAlone = Summary(Alone),
        deliveryAcrossAccounts = Summary(AcrossAccounts),
        deliveryOneAccount = Summary(OneAccount),
        postgresRowsPerDelivery = Writes.RowsByTable.ToDictionary(t => t.Key, t => (double)t.Value / DeliveriesCounted),
        postgresCommitsPerDelivery = (double)Writes.Commits / DeliveriesCounted,
        stepMeansMs = Steps.ToDictionary(step => step.Step, step => step.MeanMilliseconds),
    };

    private static double Mean(IReadOnlyList<double> sample) => sample.Count == 0 ? double.NaN : sample.Average();

    private static object Summary(IReadOnlyList<double> sample) =>
        new { n = sample.Count, p50 = P(sample, 50), p95 = P(sample, 95), p99 = P(sample, 99), max = P(sample, 100) };

    private static double P(IReadOnlyList<double> sample, double percent) =>
        Percentile.Of([.. sample], percent) ?? throw new InvalidOperationException("Nothing was measured.");

    private static void Row(TextWriter output, string name, IReadOnlyList<double> sample) =>
        output.WriteLine(Invariant($"| {name} | {sample.Count} | {P(sample, 50):F1} | {P(sample, 95):F1} | {P(sample, 99):F1} | {P(sample, 100):F1} |"));

    private static void Goal(TextWriter output, string goal, double measured, double bound) =>
        output.WriteLine(Invariant($"| {goal} | {measured:F1} ms (bound {bound:F1}) | {(measured <= bound ? "yes" : "no")} |"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
