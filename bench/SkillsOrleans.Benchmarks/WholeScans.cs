using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SkillsOrleans.RuntimeHost.Skills;

namespace SkillsOrleans.Benchmarks;

/// <summary>
/// Whole scans of a workspace by new scanners, timed one after another in this process, printed as the JSON line
/// bench/openclaw-skill-loader.mjs prints for OpenClaw's loader, so the two compare like with like.
/// </summary>
internal static class WholeScans
{
    public static int Run(string workspace, int runs, int expectedSkills)
    {
        var skillsDirectory = Path.Combine(Path.GetFullPath(workspace), "skills");
        var runsMs = new List<double>(runs);
        for (var run = 0; run < runs; run++)
        {
            var scanner = new SkillCatalogScanner(skillsDirectory, maxFoldersPerScan: 1_000_000);
            var started = Stopwatch.GetTimestamp();
            var catalog = scanner.Scan();
            runsMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (catalog.Count != expectedSkills || catalog.Any(skill => skill.ParseError is not null))
            {
                Console.Error.WriteLine($"run {run} listed {catalog.Count} skills ({catalog.Count(s => s.ParseError is not null)} broken), expected {expectedSkills} clean ones");
                return 1;
            }
        }

        Console.WriteLine(JsonSerializer.Serialize(new { skills = expectedSkills, runsMs, scanner = "SkillCatalogScanner", dotnet = Environment.Version.ToString() }));
        return 0;
    }
}
