using System.Text.Json.Nodes;
using SkillsOrleans.RuntimeHost.OpenClaw;
using SkillsOrleans.UnitTests.Secrets;

namespace SkillsOrleans.UnitTests.OpenClaw;

/// <summary>openclaw.json on disk: private, atomic, left byte-for-byte alone whenever a change is refused.</summary>
public sealed class OpenClawConfigFileTests : IDisposable
{
    private const string Canary = "canary-secret-4711";
    private readonly TempDirectory _temp = new();
    private readonly OpenClawSecretProvider _provider;
    private readonly string _configPath;

    public OpenClawConfigFileTests()
    {
        _provider = new OpenClawSecretProvider(_temp.Combine("secrets.json"));
        _configPath = _temp.Combine("state", "openclaw.json");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_missing_file_is_created_0600_with_the_merge_and_no_temp_file_is_left()
    {
        using var file = new OpenClawConfigFile(_configPath);

        var result = await file.ApplyAsync(_provider, [Token()], []);

        Assert.True(result.Changed);
        Assert.Equal(result.Text, File.ReadAllText(_configPath));
        Assert.Equal(SecretFiles.Private, File.GetUnixFileMode(_configPath));
        Assert.Equal([_configPath], Directory.GetFileSystemEntries(Path.GetDirectoryName(_configPath)!));
    }

    [Fact]
    public async Task An_existing_0644_file_is_replaced_by_a_0600_one_keeping_its_other_settings()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_configPath)!);
        File.WriteAllText(_configPath, """{ "gateway": { "mode": "local" } }""");
        File.SetUnixFileMode(_configPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        using var file = new OpenClawConfigFile(_configPath);

        await file.ApplyAsync(_provider, [Token()], []);

        Assert.Equal(SecretFiles.Private, File.GetUnixFileMode(_configPath));
        Assert.Equal("local", (string?)JsonNode.Parse(File.ReadAllText(_configPath))!["gateway"]!["mode"]);
    }

    [Fact]
    public async Task A_merge_that_changes_nothing_does_not_rewrite_the_file_so_its_comments_stay()
    {
        using var file = new OpenClawConfigFile(_configPath);
        var first = await file.ApplyAsync(_provider, [Token()], []);
        var commented = "// operator note\n" + first.Text;
        File.WriteAllText(_configPath, commented);
        var before = SecretFiles.Facts(_configPath).Identity;

        var second = await file.ApplyAsync(_provider, [Token()], first.Managed);

        Assert.False(second.Changed);
        Assert.Equal(commented, File.ReadAllText(_configPath));
        Assert.Equal(before, SecretFiles.Facts(_configPath).Identity);
    }

    [Theory]
    [InlineData("{ gateway: { mode: \"local\" } }", OpenClawConfigRejection.Unparseable)]
    [InlineData("""{ "skills": { "entries": { "weather": { "bogus": true } } } }""", OpenClawConfigRejection.Invalid)]
    public async Task A_file_that_cannot_be_merged_is_left_byte_identical(string content, OpenClawConfigRejection reason)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_configPath)!);
        File.WriteAllText(_configPath, content);
        var before = File.ReadAllBytes(_configPath);
        using var file = new OpenClawConfigFile(_configPath);

        var error = await Assert.ThrowsAsync<OpenClawConfigRejectedException>(() => file.ApplyAsync(_provider, [Token()], []));

        Assert.Equal(reason, error.Reason);
        Assert.Equal(_configPath, error.Path);
        Assert.Contains(_configPath, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_configPath));
        Assert.Single(Directory.GetFileSystemEntries(Path.GetDirectoryName(_configPath)!));
    }

    [Fact]
    public async Task A_symbolic_link_is_refused_and_neither_it_nor_its_target_is_touched()
    {
        var target = _temp.Combine("real.json");
        File.WriteAllText(target, "{}");
        Directory.CreateDirectory(Path.GetDirectoryName(_configPath)!);
        File.CreateSymbolicLink(_configPath, target);
        using var file = new OpenClawConfigFile(_configPath);

        var error = await Assert.ThrowsAsync<OpenClawConfigRejectedException>(() => file.ApplyAsync(_provider, [Token()], []));

        Assert.Equal(OpenClawConfigRejection.Unusable, error.Reason);
        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
        Assert.Equal("{}", File.ReadAllText(target));
        Assert.NotNull(new FileInfo(_configPath).LinkTarget);
    }

    [Fact]
    public async Task The_validator_sees_the_candidate_through_OPENCLAW_CONFIG_PATH_and_an_accepted_one_is_installed()
    {
        var seen = _temp.Combine("seen.json");
        var validator = Script("validator-ok.sh", $"cp \"$OPENCLAW_CONFIG_PATH\" '{seen}'\necho \"$OPENCLAW_CONFIG_PATH\" > '{seen}.path'\nexit 0");
        using var file = new OpenClawConfigFile(_configPath, validator);

        var result = await file.ApplyAsync(_provider, [Token()], []);

        Assert.Equal(result.Text, File.ReadAllText(seen));
        var candidatePath = File.ReadAllText(seen + ".path").Trim();
        Assert.Equal(Path.GetDirectoryName(_configPath), Path.GetDirectoryName(candidatePath));
        Assert.NotEqual(_configPath, candidatePath);
        Assert.Equal(result.Text, File.ReadAllText(_configPath));
        Assert.Equal([_configPath], Directory.GetFileSystemEntries(Path.GetDirectoryName(_configPath)!));
    }

    [Fact]
    public async Task A_validator_that_exits_1_keeps_the_old_file_byte_identical_and_only_its_issue_paths_and_messages_are_reported()
    {
        var old = WriteConfig("""{ "gateway": { "mode": "local" } }""");
        var validator = Script("validator-json.sh", """
            echo "log line that echoes config: $(cat "$OPENCLAW_CONFIG_PATH")" >&2
            printf 'preamble\n{"valid":false,"issues":[{"path":"skills.entries.trello","message":"Unrecognized key: \\"x\\""}],"echo":"%s"}\n' "$(cat "$OPENCLAW_CONFIG_PATH" | tr -d '\n"')"
            exit 1
            """);
        using var file = new OpenClawConfigFile(_configPath, validator);

        var error = await Assert.ThrowsAsync<OpenClawConfigRejectedException>(() => file.ApplyAsync(_provider, [Token()], []));

        Assert.Equal(OpenClawConfigRejection.ValidatorRejected, error.Reason);
        var issue = Assert.Single(error.Issues);
        Assert.Equal(new OpenClawConfigIssue("skills.entries.trello", "Unrecognized key: \"x\""), issue);
        Assert.Contains("exited with code 1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, error.Message, StringComparison.Ordinal);
        Assert.Equal(old, File.ReadAllBytes(_configPath));
        Assert.Equal([_configPath], Directory.GetFileSystemEntries(Path.GetDirectoryName(_configPath)!));
    }

    [Fact]
    public async Task A_validator_that_prints_no_issues_gets_a_generic_message_without_its_output()
    {
        var old = WriteConfig("{}");
        var validator = Script("validator-text.sh", "cat \"$OPENCLAW_CONFIG_PATH\"\ncat \"$OPENCLAW_CONFIG_PATH\" >&2\nexit 3");
        using var file = new OpenClawConfigFile(_configPath, validator);

        var error = await Assert.ThrowsAsync<OpenClawConfigRejectedException>(() => file.ApplyAsync(_provider, [Token()], []));

        Assert.Equal(OpenClawConfigRejection.ValidatorRejected, error.Reason);
        Assert.Empty(error.Issues);
        Assert.Contains("exited with code 3", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, error.Message, StringComparison.Ordinal);
        Assert.Equal(old, File.ReadAllBytes(_configPath));
    }

    [Fact]
    public async Task A_validator_that_cannot_run_or_hangs_keeps_the_old_file()
    {
        var old = WriteConfig("{}");
        using var missing = new OpenClawConfigFile(_configPath, _temp.Combine("no-such-validator"));
        using var hanging = new OpenClawConfigFile(_configPath, Script("validator-hang.sh", "sleep 30"), validateTimeout: TimeSpan.FromMilliseconds(300));

        var notRun = await Assert.ThrowsAsync<OpenClawConfigRejectedException>(() => missing.ApplyAsync(_provider, [Token()], []));
        var timedOut = await Assert.ThrowsAsync<OpenClawConfigRejectedException>(() => hanging.ApplyAsync(_provider, [Token()], []));

        Assert.Equal(OpenClawConfigRejection.ValidatorUnavailable, notRun.Reason);
        Assert.Equal(OpenClawConfigRejection.ValidatorUnavailable, timedOut.Reason);
        Assert.Contains("did not finish", timedOut.Message, StringComparison.Ordinal);
        Assert.Equal(old, File.ReadAllBytes(_configPath));
        Assert.Equal([_configPath], Directory.GetFileSystemEntries(Path.GetDirectoryName(_configPath)!));
    }

    [Fact]
    public async Task A_change_made_by_another_writer_while_validating_is_merged_again_and_kept()
    {
        WriteConfig("""{ "gateway": { "mode": "local" } }""");
        var marker = _temp.Combine("changed-once");
        var validator = Script("validator-racing.sh", $$"""
            if [ ! -e '{{marker}}' ]; then
              touch '{{marker}}'
              printf '{ "gateway": { "mode": "local", "port": 19000 } }' > '{{_configPath}}.new'
              mv '{{_configPath}}.new' '{{_configPath}}'
            fi
            exit 0
            """);
        using var file = new OpenClawConfigFile(_configPath, validator);

        await file.ApplyAsync(_provider, [Token()], []);

        var root = JsonNode.Parse(File.ReadAllText(_configPath))!;
        Assert.Equal(19000, (int?)root["gateway"]!["port"]);
        Assert.Equal(Canary, (string?)root["skills"]!["entries"]!["trello"]!["env"]!["TRELLO_TOKEN"]);
    }

    private static DesiredCredential Token() => DesiredCredential.Env(new("demo", "trello", "TRELLO_TOKEN"), Canary);

    private byte[] WriteConfig(string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_configPath)!);
        File.WriteAllText(_configPath, content);
        return File.ReadAllBytes(_configPath);
    }

    private string Script(string name, string body)
    {
        var path = _temp.Combine(name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
