namespace SkillsOrleans.UnitTests.Sealing;

/// <summary>A fact that needs <c>node</c> (20 or later, for WebCrypto); skipped, saying so, when it is not on PATH.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (NodeExecutable.Find() is null)
        {
            Skip = "node is not on PATH: install Node.js 20+ to prove that WebCrypto envelopes open on the host.";
        }
    }
}

internal static class NodeExecutable
{
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "node"))
            .FirstOrDefault(File.Exists);
}
