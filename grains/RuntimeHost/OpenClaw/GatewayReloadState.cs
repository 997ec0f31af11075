namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>Where the gateway reload stands.</summary>
public enum GatewayReloadState
{
    /// <summary>Nothing to do: no reload was requested, or the last one succeeded.</summary>
    Idle,

    /// <summary>A reload is requested and has not been tried yet (or a newer request arrived during an attempt).</summary>
    Pending,

    /// <summary>A reload is requested and the last attempt failed; it is retried with backoff until it succeeds.</summary>
    Retrying,
}
