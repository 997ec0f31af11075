using Orleans.Concurrency;

namespace SkillsOrleans.Contracts.Webhooks;

/// <summary>
/// An account's outgoing webhook, keyed by account id: where to POST when an agent's key request arrives or a key
/// changes state, and how delivery stands. It follows the account's audit trail, so every event it sends is a row
/// already recorded, and none is lost when a silo stops: delivery resumes where the last confirmed one ended (at least
/// once; the <c>webhook-id</c> header lets a receiver drop a repeat). The API checks who may call; the grain trusts it.
/// </summary>
[Alias("skillsorleans.account-webhook")]
public interface IAccountWebhookGrain : IGrainWithStringKey
{
    /// <summary>How delivery stands, or null when the account has no webhook.</summary>
    [ReadOnly]
    [Alias("get")]
    Task<WebhookStatus?> GetAsync();

    /// <summary>Sets (or replaces) the URL; events recorded from now on are sent there.</summary>
    /// <exception cref="ArgumentException">The URL is not one webhooks may be sent to.</exception>
    [Alias("configure")]
    Task<WebhookStatus> ConfigureAsync(WebhookConfiguration configuration);

    /// <summary>Stops sending and forgets the URL.</summary>
    [Alias("remove")]
    Task RemoveAsync(string actor);
}

/// <summary>
/// The public keys webhooks are signed with, as a JSON Web Key Set (ES256): receivers verify with them, and the
/// cluster holds no secret a receiver shares.
/// </summary>
[Alias("skillsorleans.webhook-keys")]
public interface IWebhookKeysGrain : IGrainWithIntegerKey
{
    [ReadOnly]
    [Alias("get-jwks")]
    Task<string> GetJsonWebKeySetAsync();
}
