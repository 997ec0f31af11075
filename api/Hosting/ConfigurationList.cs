namespace SkillsOrleans.Api.Hosting;

/// <summary>A list setting, given as indexed children (<c>Section__Key__0</c>, <c>__1</c>, …) or as one comma-separated value.</summary>
public static class ConfigurationList
{
    public static List<string> Of(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var values = string.IsNullOrWhiteSpace(section.Value)
            ? section.GetChildren().Select(child => child.Value ?? "")
            : section.Value.Split(',');
        return [.. values.Select(value => value.Trim()).Where(value => value.Length > 0).Distinct(StringComparer.Ordinal)];
    }
}
