namespace SkillsOrleans.OpenClawTests;

internal static class DirectoryCopy
{
    /// <summary>Copies <paramref name="source"/> and everything under it to <paramref name="destination"/>.</summary>
    public static void Copy(string source, string destination)
    {
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(source, destination, StringComparison.Ordinal));
        }

        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(source, destination, StringComparison.Ordinal));
        }
    }
}
