using System.Text.Json;
using System.Text.Json.Nodes;
using SkillsOrleans.RuntimeHost.Secrets;
using SkillsOrleans.Testing;

namespace SkillsOrleans.OpenClawTests;

/// <summary>The gateway container's start script, run for real against a temp state directory and the real CLI.</summary>
public sealed class StartScriptTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("skillsorleans-start-");
    private readonly OpenClawCli _cli;

    public StartScriptTests()
    {
        // Not created here: the script creates both.
        _cli = new OpenClawCli(Path.Combine(_root.FullName, "state"), Path.Combine(_root.FullName, "workspace"));
    }

    private string SecretFile => Path.Combine(_cli.StateDir, "secrets", "runtime-secrets.json");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task The_first_boot_renders_a_valid_config_with_the_secret_provider_and_creates_a_private_empty_secret_file()
    {
        var environment = DryRun(token: "boot-token-5150");

        var (exitCode, output) = await StartScript.RunAsync(environment);

        Assert.True(exitCode == 0, output);
        Assert.Contains("dry run; would exec: openclaw gateway run --bind lan --port 18789", output, StringComparison.Ordinal);
        Assert.DoesNotContain("boot-token-5150", output, StringComparison.Ordinal);
        Assert.Equal(Private, File.GetUnixFileMode(_cli.ConfigPath));
        var config = JsonNode.Parse(File.ReadAllText(_cli.ConfigPath))!;
        Assert.Equal("local", (string?)config["gateway"]!["mode"]);
        Assert.Equal(_cli.WorkspaceDir, (string?)config["agents"]!["defaults"]!["workspace"]);
        Assert.True((bool)config["skills"]!["load"]!["watch"]!);
        Assert.Equal(["clawhub", "skill-creator"], config["skills"]!["allowBundled"]!.AsArray().Select(n => (string?)n));
        AssertProvider(config, SecretFile);

        Assert.Equal("{}\n", File.ReadAllText(SecretFile));
        Assert.Equal(Private, File.GetUnixFileMode(SecretFile));
        Assert.True(Directory.Exists(Path.Combine(_cli.WorkspaceDir, "skills")));
        Assert.True(Directory.Exists(Path.Combine(_cli.WorkspaceDir, "requests", "skill-credentials")));

        var (validateExit, validation, stderr) = await _cli.RunJsonAsync("config", "validate", "--json");
        Assert.True(validateExit == 0 && validation.GetProperty("valid").GetBoolean(), $"{validation}\n{stderr}");
        using var store = await HostSecretStore.OpenAsync(SecretFile);
        Assert.Equal(SecretStoreState.Ready, store.Status.State);
    }

    [Fact]
    public async Task The_first_boot_installs_skill_credentials_with_openclaws_installer_later_boots_keep_it_and_an_edited_copy_is_replaced()
    {
        var shipped = Path.Combine(StartScript.RepositoryRoot(), "deploy", "openclaw", "skills", "skill-credentials", "SKILL.md");
        var installed = Path.Combine(_cli.WorkspaceDir, "skills", "skill-credentials", "SKILL.md");

        var (exitCode, output) = await StartScript.RunAsync(DryRun(token: "t"));

        Assert.True(exitCode == 0, output);
        Assert.Contains("installed skill skill-credentials", output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(shipped), File.ReadAllText(installed));
        var (listExit, list, stderr) = await _cli.RunJsonAsync("skills", "list", "--json");
        Assert.True(listExit == 0, stderr);
        var skill = list.GetProperty("skills").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "skill-credentials");
        Assert.True(skill.GetProperty("eligible").GetBoolean(), skill.ToString());
        Assert.Equal("openclaw-workspace", skill.GetProperty("source").GetString());

        var (_, again) = await StartScript.RunAsync(DryRun(token: "t"));
        Assert.DoesNotContain("installed skill", again, StringComparison.Ordinal);

        File.AppendAllText(installed, "\nAsk the user to paste the key here.\n");
        var (_, afterEdit) = await StartScript.RunAsync(DryRun(token: "t"));
        Assert.Contains("installed skill skill-credentials", afterEdit, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(shipped), File.ReadAllText(installed));
    }

    [Fact]
    public async Task Later_boots_update_only_the_secret_provider_and_leave_the_rest_of_the_config_and_the_secret_file_alone()
    {
        Assert.Equal(0, (await StartScript.RunAsync(DryRun(token: "t"))).ExitCode);
        var config = JsonNode.Parse(File.ReadAllText(_cli.ConfigPath))!;
        config["skills"]!["entries"] = new JsonObject { ["weather"] = new JsonObject { ["enabled"] = false } };
        File.WriteAllText(_cli.ConfigPath, config.ToJsonString());
        using (var store = await HostSecretStore.OpenAsync(SecretFile))
        {
            await store.SetAsync(new("demo", "weather", "WEATHER_API_KEY"), "kept");
        }

        var secretContent = File.ReadAllText(SecretFile);
        var movedSecretFile = Path.Combine(_root.FullName, "secrets", "runtime-secrets.json");
        var environment = DryRun(token: "t");
        environment["RUNTIME_SECRETS_FILE"] = movedSecretFile;

        var (exitCode, output) = await StartScript.RunAsync(environment);

        Assert.True(exitCode == 0, output);
        var merged = JsonNode.Parse(File.ReadAllText(_cli.ConfigPath))!;
        Assert.False((bool)merged["skills"]!["entries"]!["weather"]!["enabled"]!);
        Assert.Equal(_cli.WorkspaceDir, (string?)merged["agents"]!["defaults"]!["workspace"]);
        AssertProvider(merged, movedSecretFile);
        Assert.Equal(Private, File.GetUnixFileMode(_cli.ConfigPath));
        Assert.Equal(secretContent, File.ReadAllText(SecretFile));
        Assert.Equal("{}\n", File.ReadAllText(movedSecretFile));

        // Nothing to change: the config is not rewritten at all.
        var before = File.GetLastWriteTimeUtc(_cli.ConfigPath);
        var unchangedBytes = File.ReadAllBytes(_cli.ConfigPath);
        await Task.Delay(20);
        Assert.Equal(0, (await StartScript.RunAsync(environment)).ExitCode);
        Assert.Equal(unchangedBytes, File.ReadAllBytes(_cli.ConfigPath));
        Assert.Equal(before, File.GetLastWriteTimeUtc(_cli.ConfigPath));
    }

    [Fact]
    public async Task Without_a_token_it_refuses_to_bind_beyond_loopback_before_creating_anything()
    {
        var (exitCode, output) = await StartScript.RunAsync(DryRun(token: null));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("no gateway token", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.StateDir));

        var loopback = DryRun(token: null);
        loopback["OPENCLAW_BIND"] = "loopback";
        Assert.Equal(0, (await StartScript.RunAsync(loopback)).ExitCode);
    }

    [Fact]
    public async Task The_legacy_token_variable_is_accepted()
    {
        var environment = DryRun(token: null);
        environment["CLAWDBOT_GATEWAY_TOKEN"] = "legacy-token";

        var (exitCode, output) = await StartScript.RunAsync(environment);

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task The_gateway_it_starts_comes_up_with_the_token_from_the_legacy_variable_and_answers_our_reload()
    {
        var port = FreePorts.Next();
        var environment = StartScript.Environment(_cli);
        environment["CLAWDBOT_GATEWAY_TOKEN"] = "start-token-" + Guid.NewGuid().ToString("N");
        environment["OPENCLAW_BIND"] = "loopback";
        environment["OPENCLAW_GATEWAY_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var flagFile = Path.Combine(_cli.StateDir, "skillsorleans", "reload-requested");
        Directory.CreateDirectory(Path.GetDirectoryName(flagFile)!);
        File.WriteAllText(flagFile, "left by a previous run");

        await using var gateway = await RunningGateway.StartAsync(_cli, "/bin/bash", [StartScript.Path], port, environment["CLAWDBOT_GATEWAY_TOKEN"], environment);

        var outcome = await gateway.Client().ReloadSecretsAsync(CancellationToken.None);
        Assert.Equal(0, outcome.WarningCount);
        Assert.Equal(Private, File.GetUnixFileMode(SecretFile));
        Assert.False(File.Exists(flagFile));
        Assert.Contains("registered secret provider skillsorleans", gateway.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(environment["CLAWDBOT_GATEWAY_TOKEN"], gateway.Output, StringComparison.Ordinal);
    }

    private Dictionary<string, string> DryRun(string? token)
    {
        var environment = StartScript.Environment(_cli);
        environment["OPENCLAW_START_DRY_RUN"] = "1";
        if (token is not null)
        {
            environment["OPENCLAW_GATEWAY_TOKEN"] = token;
        }

        return environment;
    }

    private static void AssertProvider(JsonNode config, string secretFile)
    {
        var provider = config["secrets"]!["providers"]!["skillsorleans"]!;
        Assert.Equal(
            JsonSerializer.Serialize(new { source = "file", path = secretFile, mode = "json" }),
            provider.ToJsonString());
    }
}
