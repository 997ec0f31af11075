namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>Why a <c>secrets.reload</c> call did not complete; decides whether the coordinator falls back.</summary>
public enum GatewayReloadFailure
{
    /// <summary>No gateway token is configured, so no call was made.</summary>
    NotConfigured,

    /// <summary>Nothing accepted a WebSocket connection at the gateway URL.</summary>
    GatewayUnreachable,

    /// <summary>The gateway refused the token.</summary>
    AuthRejected,

    /// <summary>
    /// Connected, but without <c>operator.admin</c>: the gateway grants it to a token-only backend client only over
    /// loopback, so the runtime silo is not in the gateway's network namespace.
    /// </summary>
    Forbidden,

    /// <summary>The gateway is up but not ready (still starting, or its request queue is full); try again later.</summary>
    GatewayBusy,

    /// <summary>The gateway ran the reload and refused it, keeping its previous secrets snapshot.</summary>
    ReloadRejected,

    /// <summary>Something answered, but not as the gateway protocol says it should.</summary>
    ProtocolError,

    /// <summary>The whole exchange did not finish within the configured time.</summary>
    Timeout,
}
