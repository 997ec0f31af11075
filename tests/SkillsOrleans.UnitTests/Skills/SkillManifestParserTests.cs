using SkillsOrleans.RuntimeHost.Skills;

namespace SkillsOrleans.UnitTests.Skills;

public sealed class SkillManifestParserTests
{
    [Fact]
    public void Reads_a_multi_line_JSON5_metadata_block_with_trailing_commas()
    {
        var manifest = SkillManifestParser.Parse("whisper", """
            ---
            name: openai-whisper-api
            description: "Transcribe audio."
            homepage: https://example.test/whisper
            metadata:
              {
                "openclaw":
                  {
                    "emoji": "🌐",
                    "requires": { "bins": ["curl", "node"], "env": ["OPENAI_API_KEY"], },
                    "primaryEnv": "OPENAI_API_KEY",
                  },
              }
            ---
            body
            """);

        Assert.Null(manifest.ParseError);
        Assert.Equal(("openai-whisper-api", "whisper", "🌐", "OPENAI_API_KEY"), (manifest.SkillKey, manifest.Folder, manifest.Emoji, manifest.PrimaryEnv));
        Assert.Equal(["curl", "node"], manifest.Requires.Bins);
        Assert.Equal(["OPENAI_API_KEY"], manifest.CredentialKeys());
        Assert.Equal("https://example.test/whisper", manifest.Homepage);
    }

    [Fact]
    public void Reads_metadata_written_as_a_quoted_JSON5_string()
    {
        var manifest = SkillManifestParser.Parse("x", """
            ---
            name: notion
            description: Notes
            metadata: |
              { openclaw: { primaryEnv: "NOTION_API_TOKEN", requires: { anyBins: ["ntn", "curl"] }, }, // line comment
                /* block comment */ }
            ---
            """);

        Assert.Null(manifest.ParseError);
        Assert.Equal("NOTION_API_TOKEN", manifest.PrimaryEnv);
        Assert.Equal(["ntn", "curl"], manifest.Requires.AnyBins);
        Assert.Empty(manifest.Requires.Env);
        Assert.Equal(["NOTION_API_TOKEN"], manifest.CredentialKeys());
    }

    [Fact]
    public void SkillKey_overrides_name_and_the_folder_name_is_the_last_resort()
    {
        var keyed = SkillManifestParser.Parse("f", "---\nname: display\ndescription: d\nmetadata: {\"openclaw\": {\"skillKey\": \"real-key\"}}\n---\n");
        var unnamed = SkillManifestParser.Parse("team/fallback-folder", "---\ndescription: d\n---\n");

        Assert.Equal(("real-key", "display"), (keyed.SkillKey, keyed.Name));
        Assert.Equal("fallback-folder", unnamed.SkillKey);
    }

    [Fact]
    public void The_legacy_clawdbot_block_is_used_only_when_there_is_no_openclaw_block()
    {
        var legacy = SkillManifestParser.Parse("f", "---\nname: a\ndescription: d\nmetadata: {\"clawdbot\": {\"primaryEnv\": \"OLD_KEY\"}}\n---\n");
        var both = SkillManifestParser.Parse("f", "---\nname: a\ndescription: d\nmetadata: {\"clawdbot\": {\"primaryEnv\": \"OLD_KEY\"}, \"openclaw\": {\"emoji\": \"x\"}}\n---\n");

        Assert.Equal("OLD_KEY", legacy.PrimaryEnv);
        Assert.Null(both.PrimaryEnv); // taken whole, never merged
        Assert.Equal("x", both.Emoji);
    }

    [Fact]
    public void List_fields_accept_comma_separated_strings_and_macos_means_darwin()
    {
        var manifest = SkillManifestParser.Parse("f", "---\nname: a\ndescription: d\nmetadata: {\"openclaw\": {\"requires\": {\"env\": \"A_KEY, B_KEY\"}, \"os\": [\"macos\", \"linux\"]}}\n---\n");

        Assert.Equal(["A_KEY", "B_KEY"], manifest.Requires.Env);
        Assert.Equal(["darwin", "linux"], manifest.Os);
    }

    [Theory]
    [InlineData("no frontmatter", "does not start")]
    [InlineData("---\nname: a\n", "not closed")]
    [InlineData("---\nname: a\n---\n", "description is required")]
    [InlineData("---\nname: [unclosed\ndescription: d\n---\n", "not valid YAML")]
    [InlineData("---\nname: a\ndescription: d\nmetadata: {\"openclaw\": {\"primaryEnv\": \"lower\"}}\n---\n", "primaryEnv")]
    [InlineData("---\nname: a\ndescription: d\nmetadata: {\"openclaw\": {\"requires\": {\"env\": [\"BAD KEY\"]}}}\n---\n", "requires.env")]
    [InlineData("---\nname: ../escape\ndescription: d\n---\n", "cannot name a credential")]
    [InlineData("---\nname: a\ndescription: d\nmetadata: '{ not json5'\n---\n", "metadata")]
    public void A_broken_file_is_kept_with_a_reason(string markdown, string reason)
    {
        var manifest = SkillManifestParser.Parse("broken-folder", markdown);

        Assert.Equal("broken-folder", manifest.SkillKey);
        Assert.Contains(reason, manifest.ParseError, StringComparison.Ordinal);
        Assert.Empty(manifest.CredentialKeys());
    }
}
