using SkillsOrleans.StackBench;

// Benchmarks of the whole stack as real processes; see docs/benchmarks.md.
//   delivery [--samples N] [--concurrency N] [--rounds N] [--floor-samples N] [--out figures.json] [--keep]
//   listing [skills] [reads]                      (defaults 1000, 300)
switch (args)
{
    case ["delivery", .. var rest]:
        return await DeliveryLatency.RunAsync(DeliveryOptions.Parse(rest), Console.Out);
    case ["listing", .. var rest]:
        return await ListingReads.RunAsync(Count(rest, 0, 1000), Count(rest, 1, 300), keep: false, Console.Out);
    default:
        await Console.Error.WriteLineAsync("usage: delivery [--samples N] [--concurrency N] [--rounds N] [--floor-samples N] [--out figures.json] [--keep]");
        await Console.Error.WriteLineAsync("       listing [skills] [reads]");
        return 2;
}

static int Count(string[] args, int index, int fallback) =>
    args.Length > index ? int.Parse(args[index], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture) : fallback;
