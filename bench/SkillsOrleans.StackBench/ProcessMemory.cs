using System.Globalization;

namespace SkillsOrleans.StackBench;

/// <summary>A process's resident memory as the kernel counts it (<c>VmRSS</c> in <c>/proc/&lt;pid&gt;/status</c>).</summary>
public static class ProcessMemory
{
    public static long ResidentBytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
        return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
    }
}
