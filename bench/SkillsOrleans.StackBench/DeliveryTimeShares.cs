using System.Globalization;

namespace SkillsOrleans.StackBench;

/// <summary>
/// The 1-admin delivery's mean split into the stack's own step means (<see cref="StepBreakdown"/>), nested as the
/// calls nest, with what the steps do not cover shown as the hops between them. It checks that every step was seen
/// once per delivery, so a step that stopped being recorded cannot pass for a fast one.
/// </summary>
public sealed class DeliveryTimeShares(IReadOnlyList<StepFigure> steps, double clientMeanMilliseconds)
{
    private const string HostFiles = "host files ";

    private static readonly string[] GrainSteps = ["authorize", "prepare", "audit", "commit", "save", "index"];

    public void Print(TextWriter output)
    {
        var counts = steps.Select(step => step.Count).Distinct().ToList();
        if (counts.Count != 1 || !GrainSteps.All(step => Has($"grain {step}")) || !Has("api delivery route"))
        {
            throw new InvalidOperationException(
                "The delivery steps were not each recorded once per delivery: " + string.Join(", ", steps.Select(s => $"{s.Step} ×{s.Count}")));
        }

        var api = Mean("api delivery route");
        var grain = GrainSteps.Sum(step => Mean($"grain {step}"));
        var prepareOnHost = Mean("grain host.open") + Mean("grain host.fingerprint");
        var commitOnHost = Mean("grain host.store") + Mean("grain host.managed_state");

        output.WriteLine();
        output.WriteLine(Invariant($"Where the 1-admin delivery's mean goes ({counts[0]} deliveries; means from the stack's step histograms):"));
        output.WriteLine();
        output.WriteLine("| part | mean ms |");
        output.WriteLine("|---|---:|");
        Line(output, "client: whole HTTP call", clientMeanMilliseconds);
        Line(output, "· client ↔ API (HTTP on loopback, JSON)", clientMeanMilliseconds - api);
        Line(output, "· API: delivery route", api);
        Line(output, "· · API's own work and its call to the credential grain", api - grain);
        Line(output, "· · credential grain: authorize (runtime directory)", Mean("grain authorize"));
        Line(output, "· · credential grain: prepare on host", Mean("grain prepare"));
        Line(output, "· · · on the host: unseal + fingerprint", prepareOnHost);
        Line(output, "· · · hops to and from the host", Mean("grain prepare") - prepareOnHost);
        Line(output, "· · credential grain: audit row", Mean("grain audit"));
        Line(output, "· · credential grain: commit on host", Mean("grain commit"));
        Line(output, "· · · on the host: store the value", Mean("grain host.store"));
        foreach (var step in steps.Where(step => step.Step.StartsWith(HostFiles, StringComparison.Ordinal)))
        {
            Line(output, $"· · · · {step.Step[HostFiles.Length..]}", step.MeanMilliseconds);
        }

        Line(output, "· · · on the host: runtime state (what the config manages)", Mean("grain host.managed_state"));
        Line(output, "· · · hops to and from the host", Mean("grain commit") - commitOnHost);
        Line(output, "· · credential grain: state row", Mean("grain save"));
        Line(output, "· · credential grain: account index", Mean("grain index"));
    }

    private bool Has(string step) => steps.Any(s => s.Step == step);

    private double Mean(string step) => steps.FirstOrDefault(s => s.Step == step)?.MeanMilliseconds ?? 0;

    private static void Line(TextWriter output, string part, double milliseconds) =>
        output.WriteLine(Invariant($"| {part} | {milliseconds:F1} |"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
