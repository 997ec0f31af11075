namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// What the connect frame says this client is. The gateway accepts only the client ids it knows, and keeps the
/// requested <c>operator.admin</c> scope for a token-only client only when it is <c>gateway-client</c> in
/// <c>backend</c> mode on a loopback connection. Other identities exist for tests that need a refused scope.
/// </summary>
internal sealed record GatewayClientIdentity(string Id, string Mode)
{
    public static readonly GatewayClientIdentity LocalBackend = new("gateway-client", "backend");
}
