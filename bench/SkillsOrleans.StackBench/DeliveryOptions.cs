using System.Globalization;

namespace SkillsOrleans.StackBench;

/// <summary>The delivery benchmark's knobs (<c>--name value</c> on the command line).</summary>
public sealed record DeliveryOptions
{
    /// <summary>Deliveries timed for one admin alone.</summary>
    public int Samples { get; init; } = 200;

    /// <summary>Admins delivering at once (on as many accounts, then on one account); also the number of tenants.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Deliveries each concurrent admin makes.</summary>
    public int RoundsPerAdmin { get; init; } = 25;

    /// <summary>Atomic writes timed for the disk's floor, before and after the deliveries.</summary>
    public int FloorSamples { get; init; } = 200;

    public string? Out { get; init; }

    public bool Keep { get; init; }

    public static DeliveryOptions Parse(IReadOnlyList<string> args)
    {
        var options = new DeliveryOptions();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--samples" => options with { Samples = Count(args, ++i) },
                "--concurrency" => options with { Concurrency = Count(args, ++i) },
                "--rounds" => options with { RoundsPerAdmin = Count(args, ++i) },
                "--floor-samples" => options with { FloorSamples = Count(args, ++i) },
                "--out" => options with { Out = args[++i] },
                "--keep" => options with { Keep = true },
                var unknown => throw new ArgumentException($"Unknown option '{unknown}'."),
            };
        }

        return options;
    }

    private static int Count(IReadOnlyList<string> args, int index) =>
        index < args.Count && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw new ArgumentException($"'{args[index - 1]}' needs a positive whole number.");
}
