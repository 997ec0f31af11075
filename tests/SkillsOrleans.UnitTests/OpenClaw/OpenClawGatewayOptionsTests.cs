using SkillsOrleans.RuntimeHost.OpenClaw;

namespace SkillsOrleans.UnitTests.OpenClaw;

/// <summary>The gateway settings as the environment gives them.</summary>
public sealed class OpenClawGatewayOptionsTests
{
    [Fact]
    public void Without_settings_the_gateway_is_on_loopback_with_no_token_and_the_flag_file_under_the_default_state_dir()
    {
        var options = OpenClawGatewayOptions.FromEnvironment(Environment(("HOME", "/home/runtime")));

        Assert.Equal(new Uri("ws://127.0.0.1:18789"), options.Url);
        Assert.Null(options.Token);
        Assert.Null(options.RestartCommand);
        Assert.Equal("/home/runtime/.openclaw/skillsorleans/reload-requested", options.FlagFilePath);
    }

    [Fact]
    public void Every_setting_is_read_from_its_variable()
    {
        var options = OpenClawGatewayOptions.FromEnvironment(Environment(
            ("OPENCLAW_GATEWAY_URL", "ws://127.0.0.1:28789"),
            ("OPENCLAW_GATEWAY_TOKEN", "t-1"),
            ("OPENCLAW_RESTART_COMMAND", "/usr/local/bin/restart-gateway"),
            ("OPENCLAW_STATE_DIR", "/var/lib/openclaw")));

        Assert.Equal(new Uri("ws://127.0.0.1:28789"), options.Url);
        Assert.Equal("t-1", options.Token);
        Assert.Equal("/usr/local/bin/restart-gateway", options.RestartCommand);
        Assert.Equal("/var/lib/openclaw/skillsorleans/reload-requested", options.FlagFilePath);

        var explicitFlag = OpenClawGatewayOptions.FromEnvironment(Environment(("OPENCLAW_RELOAD_FLAG_FILE", "/run/flags/reload")));
        Assert.Equal("/run/flags/reload", explicitFlag.FlagFilePath);
    }

    [Fact]
    public void The_legacy_token_variable_is_accepted_and_the_current_one_wins()
    {
        Assert.Equal("legacy", OpenClawGatewayOptions.FromEnvironment(Environment(("CLAWDBOT_GATEWAY_TOKEN", "legacy"))).Token);
        Assert.Equal("current", OpenClawGatewayOptions.FromEnvironment(Environment(("CLAWDBOT_GATEWAY_TOKEN", "legacy"), ("OPENCLAW_GATEWAY_TOKEN", "current"))).Token);
        Assert.Equal("legacy", OpenClawGatewayOptions.FromEnvironment(Environment(("CLAWDBOT_GATEWAY_TOKEN", "legacy"), ("OPENCLAW_GATEWAY_TOKEN", " "))).Token);
    }

    [Theory]
    [InlineData("OPENCLAW_GATEWAY_URL", "http://127.0.0.1:18789")]
    [InlineData("OPENCLAW_GATEWAY_URL", "127.0.0.1:18789")]
    [InlineData("OPENCLAW_RESTART_COMMAND", "restart-gateway")]
    [InlineData("OPENCLAW_RESTART_COMMAND", "docker restart gateway")]
    public void Unusable_values_are_refused_naming_the_variable(string variable, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => OpenClawGatewayOptions.FromEnvironment(Environment((variable, value))));

        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_says_whether_a_token_is_set_but_never_shows_it()
    {
        var options = new OpenClawGatewayOptions { Token = "sk-very-secret-token" };

        var text = options.ToString();

        Assert.DoesNotContain("sk-very-secret-token", text, StringComparison.Ordinal);
        Assert.Contains("Token = (set)", text, StringComparison.Ordinal);
        Assert.Contains("Url = ws://127.0.0.1:18789/", text, StringComparison.Ordinal);
        Assert.Contains("Token = (not set)", new OpenClawGatewayOptions().ToString(), StringComparison.Ordinal);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.LastOrDefault(v => v.Name == name).Value;
}
