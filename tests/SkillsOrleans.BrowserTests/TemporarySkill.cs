using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Testing;

namespace SkillsOrleans.BrowserTests;

/// <summary>
/// A skill one test installs and removes again: the other tests of the shared stack count its skills. Written as
/// <c>&lt;root&gt;/&lt;name&gt;/SKILL.md</c> needing <c>keyName</c>; created once the runtime's catalog lists it, disposed once it no longer does.
/// </summary>
internal sealed class TemporarySkill : IAsyncDisposable
{
    private readonly BrowserStack _stack;
    private readonly DirectoryInfo _folder;

    private TemporarySkill(BrowserStack stack, DirectoryInfo folder, string name)
    {
        _stack = stack;
        _folder = folder;
        Name = name;
    }

    public string Name { get; }

    public static async Task<TemporarySkill> InstallAsync(BrowserStack stack, string root, string name, string keyName)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, name));
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "SKILL.md"),
            $"---\nname: {name}\ndescription: A skill of one test.\nmetadata:\n  {{ \"openclaw\": {{ \"requires\": {{ \"env\": [\"{keyName}\"] }} }} }}\n---\n");
        var skill = new TemporarySkill(stack, folder, name);
        await Eventually.TrueAsync(skill.ListedAsync);
        return skill;
    }

    public async ValueTask DisposeAsync()
    {
        _folder.Delete(recursive: true);
        await Eventually.TrueAsync(async () => !await ListedAsync());
    }

    private async Task<bool> ListedAsync() =>
        (await _stack.Core.Grains.ReadSkillCatalogsAsync("demo")).Single().Skills.Any(s => s.SkillKey == Name);
}
