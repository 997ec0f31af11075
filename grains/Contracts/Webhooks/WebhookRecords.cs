namespace SkillsOrleans.Contracts.Webhooks;

/// <summary>An owner points the account's webhook at <see cref="Url"/>.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.webhook-configuration")]
public sealed record WebhookConfiguration(
    [property: Id(0)] string Url,
    [property: Id(1)] string Actor);

/// <summary>
/// How an account's webhook stands. <see cref="Target"/> is the URL's scheme, host and port only: a receiver's URL may
/// carry its own token in the path or query, which is never shown back, logged or audited.
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.webhook-status")]
public sealed record WebhookStatus(
    [property: Id(0)] string Target,
    [property: Id(1)] string ConfiguredBy,
    [property: Id(2)] DateTimeOffset ConfiguredAt,
    [property: Id(3)] long Delivered,
    [property: Id(4)] DateTimeOffset? LastDeliveredAt,
    [property: Id(5)] int ConsecutiveFailures,
    [property: Id(6)] string? LastError,
    [property: Id(7)] DateTimeOffset? NextAttemptAt);
