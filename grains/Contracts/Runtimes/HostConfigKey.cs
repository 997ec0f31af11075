namespace SkillsOrleans.Contracts.Runtimes;

/// <summary>A key openclaw.json on a runtime host holds by hand, outside management: its skill and name, never its value.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.host-config-key")]
public sealed record HostConfigKey(
    [property: Id(0)] string SkillKey,
    [property: Id(1)] string KeyName);
