using System.Text.Json.Nodes;
using SkillsOrleans.RuntimeHost.OpenClaw;

namespace SkillsOrleans.UnitTests.OpenClaw;

/// <summary>The strict shapes OpenClaw enforces where this host writes, reported by path without values.</summary>
public sealed class OpenClawConfigValidatorTests
{
    private static readonly OpenClawSecretProvider Provider = new("/s/secrets.json");
    private const string OwnProvider = """ "secrets": { "providers": { "skillsorleans": { "source": "file", "path": "/s/secrets.json", "mode": "json" } } } """;

    [Fact]
    public void A_config_with_valid_entries_and_the_provider_passes()
    {
        var config = Parse($$"""
            {
              {{OwnProvider}},
              "skills": { "entries": {
                "a": { "enabled": false, "apiKey": "plain", "env": { "X": "1" }, "config": { "any": [1, { "x": null }] } },
                "b": { "apiKey": { "source": "env", "provider": "default", "id": "B_KEY" } },
                "c": { "apiKey": { "source": "file", "provider": "skillsorleans", "id": "/demo/c/C~1D~0" } },
                "d": { "apiKey": { "source": "file", "provider": "single", "id": "value" } },
                "e": { "apiKey": { "source": "exec", "provider": "vault", "id": "prod/e#key" } }
              } }
            }
            """);

        Assert.Empty(OpenClawConfigValidator.Validate(config, Provider));
    }

    [Theory]
    [InlineData("""{ "bogus": 1 }""", "skills.entries.x", "unknown key \"bogus\"")]
    [InlineData("""{ "enabled": "yes" }""", "skills.entries.x.enabled", "must be a boolean")]
    [InlineData("""{ "env": { "A": 5 } }""", "skills.entries.x.env.A", "must be a string")]
    [InlineData("""{ "env": ["A"] }""", "skills.entries.x.env", "must be an object of strings")]
    [InlineData("""{ "config": "text" }""", "skills.entries.x.config", "must be an object")]
    [InlineData("""{ "apiKey": 42 }""", "skills.entries.x.apiKey", "must be a string or a SecretRef")]
    [InlineData("""{ "apiKey": { "source": "file", "provider": "p", "id": "/a", "extra": 1 } }""", "skills.entries.x.apiKey", "unknown key \"extra\"")]
    [InlineData("""{ "apiKey": { "source": "file", "provider": "Bad!", "id": "/a" } }""", "skills.entries.x.apiKey.provider", "must match")]
    [InlineData("""{ "apiKey": { "source": "file", "provider": "p", "id": "a" } }""", "skills.entries.x.apiKey.id", "absolute JSON pointer")]
    [InlineData("""{ "apiKey": { "source": "file", "provider": "p", "id": "/a~2" } }""", "skills.entries.x.apiKey.id", "absolute JSON pointer")]
    [InlineData("""{ "apiKey": { "source": "env", "provider": "p", "id": "lower" } }""", "skills.entries.x.apiKey.id", "must match")]
    [InlineData("""{ "apiKey": { "source": "exec", "provider": "p", "id": "a/../b" } }""", "skills.entries.x.apiKey.id", "without . or ..")]
    [InlineData("""{ "apiKey": { "source": "http", "provider": "p", "id": "/a" } }""", "skills.entries.x.apiKey.source", "must be one of")]
    [InlineData("\"on\"", "skills.entries.x", "must be an object")]
    public void Each_broken_rule_in_a_skill_entry_is_reported_by_path(string entry, string path, string message)
    {
        var issues = OpenClawConfigValidator.Validate(Parse($$"""{ {{OwnProvider}}, "skills": { "entries": { "x": {{entry}} } } }"""), Provider);

        Assert.Contains(issues, i => i.Path == path && i.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ }""", "secrets.providers.skillsorleans", "missing")]
    [InlineData("""{ "secrets": { "providers": { "skillsorleans": { "source": "env" } } } }""", "secrets.providers.skillsorleans.source", "must be \"file\"")]
    [InlineData("""{ "secrets": { "providers": { "skillsorleans": { "source": "file", "path": "/p", "mode": "singleValue" } } } }""", "secrets.providers.skillsorleans.mode", "must be \"json\"")]
    [InlineData("""{ "secrets": { "providers": { "skillsorleans": { "source": "file", "path": "", "mode": "json" } } } }""", "secrets.providers.skillsorleans.path", "non-empty")]
    [InlineData("""{ "secrets": { "providers": { "skillsorleans": { "source": "file", "path": "/p", "mode": "json", "maxBytes": 0 } } } }""", "secrets.providers.skillsorleans.maxBytes", "integer")]
    [InlineData("""{ "secrets": { "providers": { "skillsorleans": { "source": "file", "path": "/p", "mode": "json", "timeoutMs": 120001 } } } }""", "secrets.providers.skillsorleans.timeoutMs", "integer")]
    [InlineData("""{ "secrets": { "providers": { "skillsorleans": { "source": "file", "path": "/p", "mode": "json", "x": 1 } } } }""", "secrets.providers.skillsorleans", "unknown key \"x\"")]
    [InlineData("""{ "secrets": { "providers": [] } }""", "secrets.providers", "must be an object")]
    public void This_hosts_provider_entry_must_be_a_json_file_provider(string config, string path, string message)
    {
        var issues = OpenClawConfigValidator.Validate(Parse(config), Provider);

        Assert.Contains(issues, i => i.Path == path && i.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Values_never_appear_in_issues()
    {
        var issues = OpenClawConfigValidator.Validate(
            Parse($$"""{ {{OwnProvider}}, "skills": { "entries": { "x": { "env": { "A": ["canary"] }, "apiKey": { "source": "canary", "provider": "canary", "id": "canary" } } } } }"""),
            Provider);

        Assert.NotEmpty(issues);
        Assert.All(issues, i => Assert.DoesNotContain("canary", i.ToString(), StringComparison.Ordinal));
    }

    private static JsonNode Parse(string json) => JsonNode.Parse(json)!;
}
