using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SkillsOrleans.Grains.Webhooks;

namespace SkillsOrleans.Hosting.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// What a core silo needs to send account webhooks: the options (section <c>Webhooks</c>), the signing key (read or
    /// created on first use) and one sender for the silo.
    /// </summary>
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new WebhookOptions();
        configuration.GetSection("Webhooks").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton(_ => WebhookSigningKey.LoadOrCreate(options.SigningKeyFile));
        services.AddSingleton(provider => new WebhookSender(options, provider.GetRequiredService<WebhookSigningKey>()));
        return services;
    }
}
