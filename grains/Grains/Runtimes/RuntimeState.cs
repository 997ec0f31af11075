namespace SkillsOrleans.Grains.Runtimes;

/// <summary>Persisted form of a runtime: which account it serves and when it last registered. No secrets.</summary>
[GenerateSerializer, Alias("skillsorleans.runtime-state")]
public sealed class RuntimeState
{
    [Id(0)] public string? AccountId { get; set; }

    [Id(1)] public DateTimeOffset? RegisteredAt { get; set; }

    [Id(2)] public string? HostName { get; set; }
}
