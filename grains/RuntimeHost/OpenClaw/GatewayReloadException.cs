namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// A <c>secrets.reload</c> call that failed, and why. The message is built from our own text and from the
/// gateway's error code and message, bounded and with control characters replaced; it never contains the token.
/// </summary>
public sealed class GatewayReloadException : Exception
{
    public GatewayReloadException(GatewayReloadFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public GatewayReloadFailure Failure { get; }

    /// <summary>
    /// True when the gateway could not be asked at all (not configured, unreachable, or silent until the deadline):
    /// the cases where writing the flag file and restarting the gateway can help.
    /// </summary>
    public bool GatewayDown => Failure is GatewayReloadFailure.NotConfigured or GatewayReloadFailure.GatewayUnreachable or GatewayReloadFailure.Timeout;
}
