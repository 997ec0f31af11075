namespace SkillsOrleans.Grains.Webhooks;

/// <summary>How core silos send account webhooks (configuration section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>
    /// The ES256 key webhooks are signed with (PEM, created 0600 on first start when missing). Every core silo of a
    /// cluster must read the same file, or receivers see signatures from keys the key set does not list.
    /// </summary>
    public string SigningKeyFile { get; set; } = "/var/lib/skillsorleans/webhook-signing-key.pem";

    /// <summary>
    /// Whether webhooks may go to loopback, private, link-local and other non-public addresses. Off by default: an
    /// account owner chooses the URL, and must not reach the cluster's own network through it.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Whether plain <c>http://</c> URLs are accepted (for local runs and tests); otherwise only <c>https://</c>.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>How long one delivery may take, connection included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
