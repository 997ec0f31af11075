using System.Text.Json.Nodes;
using SkillsOrleans.RuntimeHost.OpenClaw;

namespace SkillsOrleans.UnitTests.OpenClaw;

/// <summary>What the merge adds, removes and leaves alone in openclaw.json.</summary>
public sealed class OpenClawConfigMergerTests
{
    private const string SecretFile = "/var/lib/skillsorleans/secrets.json";
    private static readonly OpenClawSecretProvider Provider = new(SecretFile);

    [Fact]
    public void Unrelated_config_is_kept_exactly()
    {
        const string existing = """
            {
              "$schema": "https://example.test/schema.json",
              "gateway": { "mode": "local", "port": 18789 },
              "models": { "temperature": 0.50, "big": 12345678901234567890 },
              "secrets": { "providers": { "vault": { "source": "exec", "command": "/usr/local/bin/vault" } }, "defaults": { "exec": "vault" } },
              "skills": { "allowBundled": ["weather"], "entries": { "weather": { "enabled": true, "apiKey": "operator-set" } } }
            }
            """;

        var result = Merge(existing, [DesiredCredential.PrimaryEnv(new("demo", "openai-whisper-api", "OPENAI_API_KEY"))]);
        var root = JsonNode.Parse(result.Text)!;

        Assert.True(result.Changed);
        Assert.Equal("https://example.test/schema.json", (string?)root["$schema"]);
        Assert.Equal("""{"mode":"local","port":18789}""", root["gateway"]!.ToJsonString());
        Assert.Contains("\"temperature\": 0.50", result.Text, StringComparison.Ordinal);
        Assert.Contains("\"big\": 12345678901234567890", result.Text, StringComparison.Ordinal);
        Assert.Equal("""{"source":"exec","command":"/usr/local/bin/vault"}""", root["secrets"]!["providers"]!["vault"]!.ToJsonString());
        Assert.Equal("""{"exec":"vault"}""", root["secrets"]!["defaults"]!.ToJsonString());
        Assert.Equal("""["weather"]""", root["skills"]!["allowBundled"]!.ToJsonString());
        Assert.Equal("""{"enabled":true,"apiKey":"operator-set"}""", root["skills"]!["entries"]!["weather"]!.ToJsonString());
        Assert.Equal(["$schema", "gateway", "models", "secrets", "skills"], root.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void A_primary_env_becomes_a_file_SecretRef_into_the_host_secret_file_and_the_provider_is_registered()
    {
        var result = Merge(null, [DesiredCredential.PrimaryEnv(new("demo", "openai-whisper-api", "OPENAI_API_KEY"))]);
        var root = JsonNode.Parse(result.Text)!;

        Assert.Equal(
            """{"source":"file","provider":"skillsorleans","id":"/demo/openai-whisper-api/OPENAI_API_KEY"}""",
            root["skills"]!["entries"]!["openai-whisper-api"]!["apiKey"]!.ToJsonString());
        Assert.Equal(
            $$"""{"source":"file","path":"{{SecretFile}}","mode":"json"}""",
            root["secrets"]!["providers"]!["skillsorleans"]!.ToJsonString());
        Assert.Equal([new ManagedEntry(new("demo", "openai-whisper-api", "OPENAI_API_KEY"), IsPrimaryEnv: true)], result.Managed);
        Assert.EndsWith("}\n", result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo", "/demo")]
    [InlineData("a/b", "/a~1b")]
    [InlineData("a~b", "/a~0b")]
    [InlineData("~1", "/~01")]
    [InlineData("/~", "/~1~0")]
    public void SecretRef_ids_are_RFC_6901_pointers_with_each_segment_escaped(string segment, string expected)
    {
        Assert.Equal(expected, FileSecretRef.Pointer(segment));
        Assert.Equal(expected + "/x", FileSecretRef.Pointer(segment, "x"));
    }

    [Fact]
    public void Another_key_goes_into_env_as_plain_text()
    {
        var result = Merge(null,
        [
            DesiredCredential.Env(new("demo", "trello", "TRELLO_TOKEN"), "token-value"),
            DesiredCredential.Env(new("demo", "trello", "TRELLO_API_KEY"), "key+value/é"),
        ]);

        var trello = JsonNode.Parse(result.Text)!["skills"]!["entries"]!["trello"]!;
        Assert.Equal("""{"env":{"TRELLO_API_KEY":"key+value/é","TRELLO_TOKEN":"token-value"}}""", trello.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Contains("\"key+value/é\"", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_env_value_that_looks_like_an_OpenClaw_variable_reference_is_escaped_so_it_stays_literal()
    {
        var result = Merge(null, [DesiredCredential.Env(new("demo", "trello", "TRELLO_TOKEN"), "a${HOME}b$${X}c${lower}")]);

        Assert.Equal("a$${HOME}b$$${X}c${lower}", (string?)JsonNode.Parse(result.Text)!["skills"]!["entries"]!["trello"]!["env"]!["TRELLO_TOKEN"]);
    }

    [Fact]
    public void What_is_added_lands_in_the_same_order_whatever_order_it_is_asked_for_in()
    {
        DesiredCredential[] desired =
        [
            DesiredCredential.Env(new("demo", "trello", "TRELLO_TOKEN"), "t"),
            DesiredCredential.PrimaryEnv(new("demo", "openai-whisper-api", "OPENAI_API_KEY")),
            DesiredCredential.Env(new("demo", "trello", "TRELLO_API_KEY"), "k"),
        ];

        var forward = Merge(null, desired);
        var backward = Merge(null, [.. desired.Reverse()]);

        Assert.Equal(forward.Text, backward.Text);
        Assert.True(forward.Text.IndexOf("openai-whisper-api", StringComparison.Ordinal) < forward.Text.IndexOf("trello", StringComparison.Ordinal));
        Assert.True(forward.Text.IndexOf("TRELLO_API_KEY", StringComparison.Ordinal) < forward.Text.IndexOf("TRELLO_TOKEN", StringComparison.Ordinal));
        Assert.Equal(forward.Managed, backward.Managed);
    }

    [Fact]
    public void Revoking_removes_only_what_this_host_wrote_and_prunes_what_is_left_empty()
    {
        var delivered = Merge("""
            {
              "skills": { "entries": {
                "trello": { "env": { "OPERATOR_VAR": "kept" } },
                "github": { "apiKey": { "source": "file", "provider": "other", "id": "/gh" } }
              } }
            }
            """,
            [
                DesiredCredential.PrimaryEnv(new("demo", "openai-whisper-api", "OPENAI_API_KEY")),
                DesiredCredential.Env(new("demo", "trello", "TRELLO_API_KEY"), "k"),
                DesiredCredential.Env(new("demo", "trello", "TRELLO_TOKEN"), "t"),
            ]);

        var revoked = OpenClawConfigMerger.Merge(delivered.Text, Provider, [DesiredCredential.Env(new("demo", "trello", "TRELLO_TOKEN"), "t")], delivered.Managed);
        var entries = JsonNode.Parse(revoked.Text)!["skills"]!["entries"]!.AsObject();

        Assert.False(entries.ContainsKey("openai-whisper-api"));
        Assert.Equal("""{"env":{"OPERATOR_VAR":"kept","TRELLO_TOKEN":"t"}}""", entries["trello"]!.ToJsonString());
        Assert.Equal("""{"apiKey":{"source":"file","provider":"other","id":"/gh"}}""", entries["github"]!.ToJsonString());
        Assert.Equal([new ManagedEntry(new("demo", "trello", "TRELLO_TOKEN"), IsPrimaryEnv: false)], revoked.Managed);

        var allRevoked = OpenClawConfigMerger.Merge(revoked.Text, Provider, [], revoked.Managed);
        Assert.Equal("""{"env":{"OPERATOR_VAR":"kept"}}""", JsonNode.Parse(allRevoked.Text)!["skills"]!["entries"]!["trello"]!.ToJsonString());
    }

    [Fact]
    public void Revoking_everything_drops_entries_and_skills_objects_left_empty_but_keeps_the_provider()
    {
        var delivered = Merge(null, [DesiredCredential.Env(new("demo", "trello", "TRELLO_TOKEN"), "t")]);

        var revoked = OpenClawConfigMerger.Merge(delivered.Text, Provider, [], delivered.Managed);
        var root = JsonNode.Parse(revoked.Text)!.AsObject();

        Assert.False(root.ContainsKey("skills"));
        Assert.NotNull(root["secrets"]!["providers"]!["skillsorleans"]);
        Assert.Empty(revoked.Managed);
    }

    [Fact]
    public void An_apiKey_the_operator_set_is_not_removed_by_a_revoke_but_a_stray_ref_to_this_hosts_provider_is()
    {
        const string existing = """
            {
              "skills": { "entries": {
                "openai-whisper-api": { "apiKey": "operator-plaintext" },
                "stale": { "apiKey": { "source": "file", "provider": "skillsorleans", "id": "/demo/stale/STALE_KEY" }, "enabled": true }
              } }
            }
            """;

        var result = OpenClawConfigMerger.Merge(existing, Provider, [], [new ManagedEntry(new("demo", "openai-whisper-api", "OPENAI_API_KEY"), IsPrimaryEnv: true)]);
        var entries = JsonNode.Parse(result.Text)!["skills"]!["entries"]!;

        Assert.Equal("operator-plaintext", (string?)entries["openai-whisper-api"]!["apiKey"]);
        Assert.Equal("""{"enabled":true}""", entries["stale"]!.ToJsonString());
    }

    [Fact]
    public void Enabled_and_config_set_by_the_operator_in_the_same_entry_survive_delivery_and_revoke()
    {
        const string existing = """
            { "skills": { "entries": { "trello": { "enabled": false, "config": { "board": "ops", "limit": 5 } } } } }
            """;

        var delivered = Merge(existing, [DesiredCredential.Env(new("demo", "trello", "TRELLO_TOKEN"), "t")]);
        Assert.Equal(
            """{"enabled":false,"config":{"board":"ops","limit":5},"env":{"TRELLO_TOKEN":"t"}}""",
            JsonNode.Parse(delivered.Text)!["skills"]!["entries"]!["trello"]!.ToJsonString());

        var revoked = OpenClawConfigMerger.Merge(delivered.Text, Provider, [], delivered.Managed);
        Assert.Equal(
            """{"enabled":false,"config":{"board":"ops","limit":5}}""",
            JsonNode.Parse(revoked.Text)!["skills"]!["entries"]!["trello"]!.ToJsonString());
    }

    [Fact]
    public void A_key_that_moves_between_apiKey_and_env_is_moved_not_duplicated()
    {
        var asPrimary = Merge(null, [DesiredCredential.PrimaryEnv(new("demo", "trello", "TRELLO_API_KEY"))]);

        var asEnv = OpenClawConfigMerger.Merge(asPrimary.Text, Provider, [DesiredCredential.Env(new("demo", "trello", "TRELLO_API_KEY"), "k")], asPrimary.Managed);
        Assert.Equal("""{"env":{"TRELLO_API_KEY":"k"}}""", JsonNode.Parse(asEnv.Text)!["skills"]!["entries"]!["trello"]!.ToJsonString());

        var backToPrimary = OpenClawConfigMerger.Merge(asEnv.Text, Provider, [DesiredCredential.PrimaryEnv(new("demo", "trello", "TRELLO_API_KEY"))], asEnv.Managed);
        Assert.Equal(
            """{"apiKey":{"source":"file","provider":"skillsorleans","id":"/demo/trello/TRELLO_API_KEY"}}""",
            JsonNode.Parse(backToPrimary.Text)!["skills"]!["entries"]!["trello"]!.ToJsonString());
    }

    [Fact]
    public void A_JSON5_file_with_comments_and_trailing_commas_is_merged()
    {
        const string existing = """
            // written by the installer
            {
              /* gateway */ "gateway": { "mode": "local", },
              "skills": { "entries": { "weather": { "enabled": true, }, }, },
            }
            """;

        var result = Merge(existing, [DesiredCredential.Env(new("demo", "trello", "TRELLO_TOKEN"), "t")]);
        var root = JsonNode.Parse(result.Text)!;

        Assert.Equal("local", (string?)root["gateway"]!["mode"]);
        Assert.Equal(true, (bool?)root["skills"]!["entries"]!["weather"]!["enabled"]);
        Assert.Equal("t", (string?)root["skills"]!["entries"]!["trello"]!["env"]!["TRELLO_TOKEN"]);
        Assert.DoesNotContain("installer", result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ gateway: { mode: 'local' } }")]
    [InlineData("{ \"gateway\": { \"port\": 0x4b1d } }")]
    [InlineData("{ \"a\": 1, \"a\": 2 }")]
    [InlineData("[1, 2]")]
    public void JSON5_that_cannot_be_read_faithfully_is_refused_without_quoting_it(string existing)
    {
        var error = Assert.Throws<OpenClawConfigRejectedException>(() => Merge(existing, [DesiredCredential.Env(new("demo", "trello", "TRELLO_TOKEN"), "t")]));

        Assert.Equal(OpenClawConfigRejection.Unparseable, error.Reason);
        Assert.DoesNotContain("gateway", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("4b1d", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_entry_with_an_unknown_key_makes_the_merge_refuse()
    {
        const string existing = """{ "skills": { "entries": { "weather": { "enabled": true, "apikey": "typo-canary" } } } }""";

        var error = Assert.Throws<OpenClawConfigRejectedException>(() => Merge(existing, [DesiredCredential.Env(new("demo", "trello", "TRELLO_TOKEN"), "t")]));

        Assert.Equal(OpenClawConfigRejection.Invalid, error.Reason);
        var issue = Assert.Single(error.Issues);
        Assert.Equal("skills.entries.weather", issue.Path);
        Assert.Contains("unknown key \"apikey\"", issue.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("typo-canary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_that_is_not_an_object_where_a_value_must_go_is_refused()
    {
        var error = Assert.Throws<OpenClawConfigRejectedException>(() =>
            Merge("""{ "skills": { "entries": { "trello": "on" } } }""", [DesiredCredential.Env(new("demo", "trello", "TRELLO_TOKEN"), "t")]));

        Assert.Equal(OpenClawConfigRejection.Invalid, error.Reason);
        Assert.Equal("skills.entries.trello", Assert.Single(error.Issues).Path);
    }

    [Theory]
    [InlineData("""{ "$include": "./base.json5" }""", "the top level")]
    [InlineData("""{ "skills": { "$include": "./skills.json5" } }""", "skills")]
    [InlineData("""{ "secrets": { "providers": { "$include": ["./p.json5"] } } }""", "secrets.providers")]
    public void A_config_composed_with_include_where_this_host_edits_is_refused(string existing, string where)
    {
        var error = Assert.Throws<OpenClawConfigRejectedException>(() => Merge(existing, []));

        Assert.Equal(OpenClawConfigRejection.Unsupported, error.Reason);
        Assert.Contains(where, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_provider_entry_that_differs_is_replaced_and_operator_read_limits_on_a_matching_one_are_kept()
    {
        var replaced = Merge("""{ "secrets": { "providers": { "skillsorleans": { "source": "file", "path": "/old/path.json", "mode": "json" } } } }""", []);
        Assert.Equal(SecretFile, (string?)JsonNode.Parse(replaced.Text)!["secrets"]!["providers"]!["skillsorleans"]!["path"]);

        var tuned = $$"""{ "secrets": { "providers": { "skillsorleans": { "source": "file", "path": "{{SecretFile}}", "mode": "json", "maxBytes": 4194304 } } } }""";
        var kept = Merge(tuned, []);
        Assert.False(kept.Changed);
        Assert.Equal(4194304, (int?)JsonNode.Parse(kept.Text)!["secrets"]!["providers"]!["skillsorleans"]!["maxBytes"]);

        var broken = Merge($$"""{ "secrets": { "providers": { "skillsorleans": { "source": "file", "path": "{{SecretFile}}", "mode": "json", "extra": 1 } } } }""", []);
        Assert.Equal($$"""{"source":"file","path":"{{SecretFile}}","mode":"json"}""", JsonNode.Parse(broken.Text)!["secrets"]!["providers"]!["skillsorleans"]!.ToJsonString());
    }

    [Fact]
    public void A_merge_that_changes_nothing_says_so_even_when_the_text_differs_in_comments_and_layout()
    {
        var first = Merge(null, [DesiredCredential.PrimaryEnv(new("demo", "openai-whisper-api", "OPENAI_API_KEY"))]);
        var commented = "// hand note\n" + first.Text.Replace("\n", "\n  ", StringComparison.Ordinal);

        var second = OpenClawConfigMerger.Merge(commented, Provider, [DesiredCredential.PrimaryEnv(new("demo", "openai-whisper-api", "OPENAI_API_KEY"))], first.Managed);

        Assert.False(second.Changed);
    }

    [Fact]
    public void Conflicting_desired_credentials_are_a_caller_error()
    {
        Assert.Throws<ArgumentException>(() => Merge(null,
        [
            DesiredCredential.Env(new("demo", "trello", "TRELLO_TOKEN"), "a"),
            DesiredCredential.PrimaryEnv(new("other", "trello", "TRELLO_TOKEN")),
        ]));
        Assert.Throws<ArgumentException>(() => Merge(null,
        [
            DesiredCredential.PrimaryEnv(new("demo", "trello", "TRELLO_TOKEN")),
            DesiredCredential.PrimaryEnv(new("demo", "trello", "TRELLO_API_KEY")),
        ]));
    }

    [Fact]
    public void A_desired_credential_checks_its_names_and_value_and_never_shows_the_value()
    {
        var credential = DesiredCredential.Env(new("demo", "trello", "TRELLO_TOKEN"), "canary-value-123");

        Assert.Equal("demo/trello/TRELLO_TOKEN (env)", credential.ToString());
        Assert.DoesNotContain("canary", new OpenClawConfigMergeResult("canary", [], true).ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => DesiredCredential.Env(new("demo", "trello", "TRELLO_TOKEN"), ""));
        Assert.Throws<ArgumentException>(() => DesiredCredential.Env(new("demo", "trello", "bad key"), "v"));
        Assert.Throws<ArgumentException>(() => new DesiredCredential(new ManagedEntry(new("demo", "trello", "TRELLO_TOKEN"), IsPrimaryEnv: false), envValue: null));
        Assert.Throws<ArgumentException>(() => new DesiredCredential(new ManagedEntry(new("demo", "trello", "TRELLO_TOKEN"), IsPrimaryEnv: true), envValue: "v"));
        var error = Assert.Throws<ArgumentException>(() => DesiredCredential.Env(new("demo", "trello", "TRELLO_TOKEN"), "canary\0"));
        Assert.DoesNotContain("canary", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Skillsorleans", "/s.json")]
    [InlineData("1abc", "/s.json")]
    [InlineData("skillsorleans", "relative/s.json")]
    public void A_provider_needs_an_OpenClaw_alias_and_an_absolute_path(string alias, string path)
    {
        Assert.Throws<ArgumentException>(() => new OpenClawSecretProvider(alias, path));
    }

    private static OpenClawConfigMergeResult Merge(string? existing, IReadOnlyCollection<DesiredCredential> desired) =>
        OpenClawConfigMerger.Merge(existing, Provider, desired, []);
}
