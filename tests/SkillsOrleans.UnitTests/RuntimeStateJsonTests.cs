using System.Text.Json;
using SkillsOrleans.Grains.Runtimes;
using SkillsOrleans.RuntimeHost.OpenClaw;

namespace SkillsOrleans.UnitTests;

/// <summary>A runtime's stored row (System.Text.Json grain state) reads as before and maps to the host's managed keys.</summary>
public sealed class RuntimeStateJsonTests
{
    private const string StoredRow = """
        {"AccountId":"demo","RegisteredAt":"2025-06-01T12:00:00+00:00","HostName":"host-1",
         "ManagedConfig":[{"SkillKey":"openai-whisper-api","KeyName":"OPENAI_API_KEY","IsPrimaryEnv":true},
                          {"SkillKey":"trello","KeyName":"TRELLO_TOKEN","IsPrimaryEnv":false}]}
        """;

    [Fact]
    public void A_stored_row_reads_into_managed_entries_of_the_runtimes_account()
    {
        var state = JsonSerializer.Deserialize<RuntimeState>(StoredRow)!;

        ManagedEntry[] entries = [.. state.ManagedConfig.Select(m => m.ToEntry("demo"))];

        Assert.Equal(
            [new ManagedEntry(new("demo", "openai-whisper-api", "OPENAI_API_KEY"), IsPrimaryEnv: true), new ManagedEntry(new("demo", "trello", "TRELLO_TOKEN"), IsPrimaryEnv: false)],
            entries);
        Assert.Equal(state.ManagedConfig, entries.Select(ManagedConfigKey.Of));
    }

    [Fact]
    public void Managed_keys_are_written_under_the_same_property_names()
    {
        var state = new RuntimeState { ManagedConfig = [ManagedConfigKey.Of(new ManagedEntry(new("demo", "trello", "TRELLO_TOKEN"), IsPrimaryEnv: false))] };

        var json = JsonSerializer.Serialize(state);

        Assert.Contains("""
            "ManagedConfig":[{"SkillKey":"trello","KeyName":"TRELLO_TOKEN","IsPrimaryEnv":false}]
            """, json, StringComparison.Ordinal);
    }
}
