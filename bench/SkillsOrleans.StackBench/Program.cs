using SkillsOrleans.StackBench;

// Benchmarks of the whole stack as real processes; see docs/benchmarks.md.
//   delivery [--samples N] [--concurrency N] [--rounds N] [--floor-samples N] [--out figures.json] [--keep]
//   listing [skills] [reads]                      (defaults 1000, 300)
//   page [skills] [loads] [updates]               (defaults 1000, 20, 50; Chromium from SKILLSORLEANS_CHROMIUM)
//   accounts [accounts] [reads] [runtimes]        (defaults 10000, 20, 0)
//   throughput [accounts] [seconds]               (defaults 8, 60; on one core silo, then on two)
//   hosts [runtimes] [skills-per-runtime]         (defaults 16, 313: 10,016 credentials)
switch (args)
{
    case ["delivery", .. var rest]:
        return await DeliveryLatency.RunAsync(DeliveryOptions.Parse(rest), Console.Out);
    case ["listing", .. var rest]:
        return await ListingReads.RunAsync(Count(rest, 0, 1000), Count(rest, 1, 300), keep: false, Console.Out);
    case ["page", .. var rest]:
        return await PageTimings.RunAsync(Count(rest, 0, 1000), Count(rest, 1, 20), Count(rest, 2, 50), Console.Out);
    case ["throughput", .. var rest]:
        return await Throughput.RunAsync(Count(rest, 0, 8), Count(rest, 1, 60), Console.Out);
    case ["accounts", .. var rest]:
        return await AccountScale.RunAsync(Count(rest, 0, 10_000), Count(rest, 1, 20), Count(rest, 2, 0), Console.Out);
    case ["hosts", .. var rest]:
        return await RuntimeHostCost.RunAsync(Count(rest, 0, 16), Count(rest, 1, 313), Console.Out);
    default:
        await Console.Error.WriteLineAsync("usage: delivery [--samples N] [--concurrency N] [--rounds N] [--floor-samples N] [--out figures.json] [--keep]");
        await Console.Error.WriteLineAsync("       listing [skills] [reads]");
        await Console.Error.WriteLineAsync("       page [skills] [loads] [updates]");
        await Console.Error.WriteLineAsync("       accounts [accounts] [reads] [runtimes]");
        await Console.Error.WriteLineAsync("       throughput [accounts] [seconds]");
        await Console.Error.WriteLineAsync("       hosts [runtimes] [skills-per-runtime]");
        return 2;
}

static int Count(string[] args, int index, int fallback) =>
    args.Length > index ? int.Parse(args[index], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture) : fallback;
