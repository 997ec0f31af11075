using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using SkillsOrleans.RuntimeHost.OpenClaw;
using SkillsOrleans.Testing;

namespace SkillsOrleans.OpenClawTests;

/// <summary>Our <c>secrets.reload</c> client against a real OpenClaw gateway whose skill key is a SecretRef into the host secret file.</summary>
public sealed class GatewayReloadTests(SecretRefGatewayFixture fixture) : IClassFixture<SecretRefGatewayFixture>
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private RunningGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task The_gateway_accepts_our_secrets_reload()
    {
        var outcome = await Gateway.Client().ReloadSecretsAsync(CancellationToken.None);

        Assert.Equal(0, outcome.WarningCount);
    }

    [Fact]
    public async Task A_wrong_token_is_reported_as_auth_rejected_without_either_token()
    {
        var error = await Assert.ThrowsAsync<GatewayReloadException>(() => Gateway.Client(token: "wrong-token-4242").ReloadSecretsAsync(CancellationToken.None));

        Assert.Equal(GatewayReloadFailure.AuthRejected, error.Failure);
        Assert.Contains("AUTH_TOKEN_MISMATCH", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token-4242", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Gateway.Token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_the_gateway_gives_no_admin_scope_is_reported_as_forbidden_naming_the_cause()
    {
        // The gateway keeps operator.admin for a token-only client only as gateway-client/backend over loopback;
        // "test" gets the empty scope set a remote backend would get.
        var client = new OpenClawGatewayClient(new OpenClawGatewayOptions { Url = Gateway.Url, Token = Gateway.Token }, new GatewayClientIdentity("test", "backend"));

        var error = await Assert.ThrowsAsync<GatewayReloadException>(() => client.ReloadSecretsAsync(CancellationToken.None));

        Assert.Equal(GatewayReloadFailure.Forbidden, error.Failure);
        Assert.Contains("network namespace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_port_is_reported_as_unreachable_at_once()
    {
        var client = new OpenClawGatewayClient(new OpenClawGatewayOptions { Url = new Uri($"ws://127.0.0.1:{FreePorts.Next()}"), Token = Gateway.Token });

        var stopwatch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<GatewayReloadException>(() => client.ReloadSecretsAsync(CancellationToken.None));

        Assert.Equal(GatewayReloadFailure.GatewayUnreachable, error.Failure);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task A_changed_secret_file_reloads_cleanly_and_an_insecure_one_is_refused_with_a_warning()
    {
        await fixture.Store.SetAsync(new(SecretRefGatewayFixture.Account, SecretRefGatewayFixture.SkillKey, SecretRefGatewayFixture.KeyName), "v2");
        var changed = await Gateway.Client().ReloadSecretsAsync(CancellationToken.None);
        Assert.Equal(0, changed.WarningCount);

        File.SetUnixFileMode(fixture.SecretFile, Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        try
        {
            var insecure = await Gateway.Client().ReloadSecretsAsync(CancellationToken.None);
            Assert.True(insecure.WarningCount >= 1, $"warningCount {insecure.WarningCount}");
        }
        finally
        {
            File.SetUnixFileMode(fixture.SecretFile, Private);
        }

        var repaired = await Gateway.Client().ReloadSecretsAsync(CancellationToken.None);
        Assert.Equal(0, repaired.WarningCount);
    }

    [Fact]
    public async Task The_coordinator_clears_a_pending_reload_once_the_real_gateway_confirms_it()
    {
        var options = new OpenClawGatewayOptions { Url = Gateway.Url, Token = Gateway.Token, FlagFilePath = Path.Combine(fixture.Cli.StateDir, "skillsorleans", "reload-requested") };
        var coordinator = new GatewayReloadCoordinator(new OpenClawGatewayClient(options), options, TimeProvider.System, NullLogger.Instance);

        coordinator.RequestReload("secret stored for demo/openai-whisper-api/OPENAI_API_KEY");
        await coordinator.RunPendingAsync(DateTimeOffset.UtcNow);

        var health = coordinator.Health();
        Assert.True(health.State == GatewayReloadState.Idle, health.LastError);
        Assert.Equal(0, health.WarningCount);
        Assert.False(health.FallbackUsed);
        Assert.False(File.Exists(options.FlagFilePath));
    }
}
