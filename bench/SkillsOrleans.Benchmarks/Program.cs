using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using SkillsOrleans.Benchmarks;
using SkillsOrleans.Benchmarks.Delivery;
using SkillsOrleans.Benchmarks.Workspace;

// `generate <dir> [count]` only writes a workspace (for timing other tools on the same skills);
// `scan <workspace> <runs> <expected-skills>` times whole scans of it, one process, as bench/openclaw-skill-loader.mjs
// times OpenClaw's loader (bench/openclaw-skill-loader.sh runs both);
// `listing-under-deliveries <api-url> <workspace> [credentials] [writers] [reads]` measures a running stack
// (bench/listing-under-deliveries.sh starts one); anything else goes to BenchmarkDotNet, e.g. `--filter '*'`.
switch (args)
{
    case ["generate", var directory]:
        return Generate(directory, SkillCatalogScanBenchmarks.SkillCount);
    case ["generate", var directory, var count] when int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var skills):
        return Generate(directory, skills);
    case ["scan", var workspace, _, _]:
        return WholeScans.Run(workspace, Count(args, 2, 10), Count(args, 3, 0));
    case ["listing-under-deliveries", var api, var workspace, ..]:
        return await ListingUnderDeliveries.RunAsync(
            new Uri(api), workspace, Count(args, 3, 64), Count(args, 4, 4), Count(args, 5, 200));
    case ["generate", ..]:
        await Console.Error.WriteLineAsync("usage: generate <workspace-dir> [skill-count]");
        return 2;
    default:
        // Building the generated benchmark project can take minutes on a small, busy machine (the default allows two).
        var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
        BenchmarkSwitcher.FromAssembly(typeof(SkillCatalogScanBenchmarks).Assembly).Run(args, config);
        return 0;
}

static int Count(string[] args, int index, int fallback) =>
    args.Length > index ? int.Parse(args[index], NumberStyles.None, CultureInfo.InvariantCulture) : fallback;

static int Generate(string directory, int count)
{
    var workspace = SkillWorkspace.Generate(directory, count);
    Console.WriteLine($"wrote {workspace.Skills.Count} skills under {workspace.SkillsDirectory}");
    return 0;
}
