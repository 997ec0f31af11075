using Orleans.Concurrency;
using SkillsOrleans.Contracts.Webhooks;

namespace SkillsOrleans.Grains.Webhooks;

/// <summary>Answers the webhook signing key set from whichever core silo it runs on (they all read the same key file).</summary>
[StatelessWorker]
[GrainType("webhook-keys")]
public sealed class WebhookKeysGrain(WebhookSigningKey key) : Grain, IWebhookKeysGrain
{
    public Task<string> GetJsonWebKeySetAsync() => Task.FromResult(key.JsonWebKeySet());
}
