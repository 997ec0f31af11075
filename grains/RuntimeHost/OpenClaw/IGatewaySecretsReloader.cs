namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>Asks the OpenClaw gateway to read its secret providers again (the <c>secrets.reload</c> RPC).</summary>
public interface IGatewaySecretsReloader
{
    /// <exception cref="GatewayReloadException">The reload did not complete; <see cref="GatewayReloadException.Failure"/> says why.</exception>
    Task<SecretsReloadOutcome> ReloadSecretsAsync(CancellationToken cancellationToken);
}
