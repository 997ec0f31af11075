using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Model.Skills;
using SkillsOrleans.RuntimeHost.OpenClaw;
using SkillsOrleans.RuntimeHost.Secrets;

namespace SkillsOrleans.UnitTests.OpenClaw;

/// <summary>Which keys of openclaw.json count as put there by hand, outside management, and what is read of them.</summary>
public sealed class UnmanagedConfigKeysTests
{
    private static SkillManifest Skill(string key, string? primaryEnv, params string[] env) =>
        new(key, key, key, "d", null, null, primaryEnv, new SkillRequirements(env, [], [], []), [], null, null);

    private static readonly IReadOnlyList<SkillManifest> Catalog =
    [
        Skill("whisper", "OPENAI_API_KEY"),
        Skill("trello", null, "TRELLO_API_KEY", "TRELLO_TOKEN"),
        Skill("refs", "REFS_KEY"),
        Skill("substituted", "SUBSTITUTED_KEY"),
    ];

    private const string Config = """
        {
          "skills": { "entries": {
            "whisper": { "apiKey": "sk-whisper-by-hand" },
            "trello": { "env": { "TRELLO_API_KEY": "trello-by-hand", "TRELLO_TOKEN": "token-by-hand", "OTHER": "x" } },
            "refs": { "apiKey": { "source": "file", "provider": "vault", "id": "/refs" } },
            "substituted": { "apiKey": "${SUBSTITUTED_KEY}" },
            "not-installed": { "apiKey": "sk-not-installed" }
          } }
        }
        """;

    [Fact]
    public void Literal_values_of_installed_skills_declared_keys_are_found_and_refs_substitutions_and_strangers_are_not()
    {
        var found = UnmanagedConfigKeys.Find(Config, Catalog, []);

        Assert.Equal([("trello", "TRELLO_API_KEY"), ("trello", "TRELLO_TOKEN"), ("whisper", "OPENAI_API_KEY")], found.Order());
    }

    [Fact]
    public void A_key_this_host_manages_is_not_one_put_there_by_hand()
    {
        var managed = new[] { new ManagedEntry(new StoredKeyAddress("demo", "trello", "TRELLO_TOKEN"), IsPrimaryEnv: false) };

        Assert.DoesNotContain(("trello", "TRELLO_TOKEN"), UnmanagedConfigKeys.Find(Config, Catalog, managed));
        Assert.Null(UnmanagedConfigKeys.Read(Config, new CredentialRef("demo", "rt-1", "trello", "TRELLO_TOKEN"), Catalog, managed));
    }

    [Fact]
    public void The_value_is_read_only_for_the_key_asked_for()
    {
        using var value = UnmanagedConfigKeys.Read(Config, new CredentialRef("demo", "rt-1", "whisper", "OPENAI_API_KEY"), Catalog, []);

        Assert.Equal("sk-whisper-by-hand", value!.ToPlaintextString());
        Assert.Equal("OpenedSecret (value hidden)", value.ToString());
        Assert.Null(UnmanagedConfigKeys.Read(Config, new CredentialRef("demo", "rt-1", "substituted", "SUBSTITUTED_KEY"), Catalog, []));
        Assert.Null(UnmanagedConfigKeys.Read(null, new CredentialRef("demo", "rt-1", "whisper", "OPENAI_API_KEY"), Catalog, []));
    }
}
