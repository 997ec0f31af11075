using System.Globalization;

namespace SkillsOrleans.CrashHarness;

/// <summary>How long and how hard a crash run is: its workload, its chaos and the bound on convergence.</summary>
public sealed record HarnessOptions
{
    /// <summary>Every named crash point the silos know (set through <c>SKILLSORLEANS_CRASH_POINTS</c>).</summary>
    public static readonly IReadOnlyList<string> AllCrashPoints =
    [
        "host.after-secret-file",
        "host.after-config",
        "host.withdraw.after-config",
        "credential.after-audit",
        "credential.after-host-commit",
        "credential.after-save",
        "credential.revoke.after-save",
        "credential.revoke.after-withdraw",
    ];

    /// <summary>Credential operations to attempt in all (a round may run a few past its share while its chaos finishes).</summary>
    public int Operations { get; init; } = 1000;

    /// <summary>Chaos events, one per round: a process killed (or armed with a crash point) and restarted.</summary>
    public int Kills { get; init; } = 20;

    public int Workers { get; init; } = 4;

    /// <summary>Skills installed on each runtime host; each declares two keys (a primary env and one more).</summary>
    public int SkillsPerRuntime { get; init; } = 3;

    public int Seed { get; init; } = Environment.TickCount;

    /// <summary>How long after a round everything must agree again.</summary>
    public TimeSpan ConvergenceBound { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The crash points the chaos rounds cycle through.</summary>
    public IReadOnlyList<string> CrashPoints { get; init; } = AllCrashPoints;

    /// <summary><c>SKILLSORLEANS_CRASH_CHANCE</c> for an armed silo.</summary>
    public double CrashChance { get; init; } = 1.0;

    /// <summary>Where the figures are written as JSON, if anywhere.</summary>
    public string? OutPath { get; init; }

    /// <summary>Keep the run directory (logs, host files) even when every check passed.</summary>
    public bool KeepRunDirectory { get; init; }

    public static HarnessOptions Parse(IReadOnlyList<string> args)
    {
        var options = new HarnessOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--operations" => options with { Operations = Whole(Next(), 1) },
                "--kills" => options with { Kills = Whole(Next(), 0) },
                "--workers" => options with { Workers = Whole(Next(), 1) },
                "--skills" => options with { SkillsPerRuntime = Whole(Next(), 1) },
                "--seed" => options with { Seed = Whole(Next(), 0) },
                "--converge-seconds" => options with { ConvergenceBound = TimeSpan.FromSeconds(Whole(Next(), 1)) },
                "--crash-points" => options with { CrashPoints = CrashPointList(Next()) },
                "--crash-chance" => options with { CrashChance = Chance(Next()) },
                "--out" => options with { OutPath = Path.GetFullPath(Next()) },
                "--keep" => options with { KeepRunDirectory = true },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --operations N --kills N [--workers N] [--skills N] " +
                    "[--seed N] [--converge-seconds N] [--crash-points a,b|*] [--crash-chance 0..1] [--out figures.json] [--keep]"),
            };
        }

        return options;
    }

    private static int Whole(string text, int minimum) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new ArgumentException($"'{text}' is not a whole number of at least {minimum}.");

    private static double Chance(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1
            ? value
            : throw new ArgumentException($"'{text}' is not a probability between 0 and 1.");

    private static string[] CrashPointList(string text) =>
        text == "*" ? [.. AllCrashPoints] : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
