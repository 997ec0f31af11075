using System.Diagnostics;
using SkillsOrleans.RuntimeHost.Secrets;

namespace SkillsOrleans.StackBench;

/// <summary>
/// The disk's floor for one durable small-file write: the runtime host's own atomic replace (temp file created
/// 0600, written, fsynced, renamed over the target, directory fsynced), timed in the directory the host writes its
/// secret file to. A delivery does at least this much on the host, so nothing on this disk can beat it.
/// </summary>
public static class DiskFloor
{
    public static IReadOnlyList<double> Measure(string directory, int samples)
    {
        var path = Path.Combine(directory, "bench-floor.json");
        var content = new byte[300];
        Random.Shared.NextBytes(content);
        var milliseconds = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            content[0] = (byte)i;
            var started = Stopwatch.GetTimestamp();
            AtomicFile.Replace(path, content);
            milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        if (!File.ReadAllBytes(path).AsSpan().SequenceEqual(content))
        {
            throw new InvalidOperationException("The floor's file does not hold what was last written.");
        }

        File.Delete(path);
        return milliseconds;
    }
}
