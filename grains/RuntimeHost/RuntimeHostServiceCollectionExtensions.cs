using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SkillsOrleans.RuntimeHost.OpenClaw;
using SkillsOrleans.RuntimeHost.Sealing;
using SkillsOrleans.RuntimeHost.Secrets;
using SkillsOrleans.RuntimeHost.Workspace;

namespace SkillsOrleans.RuntimeHost;

public static class RuntimeHostServiceCollectionExtensions
{
    /// <summary>
    /// Registers the runtime host a process runs next to (an OpenClaw gateway sharing its workspace and state): secret
    /// store, sealing key and opener, openclaw.json, secret provider, gateway reload, host credentials, prepared
    /// deliveries and the workspace loop, each a singleton created on first use and disposed with the host, and
    /// <see cref="RuntimeHostInitializer"/>, which reads the secret file once. A process hosts one runtime, so this is
    /// called once.
    /// </summary>
    public static IServiceCollection AddRuntimeHost(this IServiceCollection services, RuntimeHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        if (services.Any(service => service.ServiceType == typeof(RuntimeHostServices)))
        {
            throw new InvalidOperationException("A runtime host is registered already; a process hosts one runtime.");
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(provider => new HostSecretStore(options.SecretsFile, Logger<HostSecretStore>(provider)));
        services.AddSingleton(provider => RuntimeSealingKey.LoadOrCreate(options.SealingKeyFile, Logger<RuntimeSealingKey>(provider), Clock(provider)));
        services.AddSingleton(_ => new SeenNonceCache());
        services.AddSingleton(provider => new SealedSecretOpener(
            provider.GetRequiredService<RuntimeSealingKey>(), options.RuntimeId, provider.GetRequiredService<SeenNonceCache>(),
            Clock(provider), Logger<SealedSecretOpener>(provider),
            // Loaded after the current key, whose start retires the previous one (RuntimeSealingKey.PromoteStagedKey).
            RetiredSealingKey.LoadIfStillAccepted(options.SealingKeyFile, Clock(provider), Logger<RetiredSealingKey>(provider))));
        services.AddSingleton(provider => new OpenClawConfigFile(options.ConfigPath, options.ConfigValidateCommand, Logger<OpenClawConfigFile>(provider)));
        services.AddSingleton(_ => new OpenClawSecretProvider(options.SecretsFile));
        services.AddSingleton<IGatewaySecretsReloader>(_ => new OpenClawGatewayClient(options.Gateway));
        services.AddSingleton(provider =>
        {
            var reload = new GatewayReloadCoordinator(
                provider.GetRequiredService<IGatewaySecretsReloader>(), options.Gateway, Clock(provider), Logger<GatewayReloadCoordinator>(provider));
            reload.ResumeOwedReload(); // a reload owed before the host stopped is owed still
            return reload;
        });
        services.AddSingleton(provider => new HostCredentials(
            provider.GetRequiredService<HostSecretStore>(),
            provider.GetRequiredService<OpenClawConfigFile>(),
            provider.GetRequiredService<OpenClawSecretProvider>(),
            provider.GetRequiredService<GatewayReloadCoordinator>(),
            options.AccountId,
            Clock(provider),
            Logger<HostCredentials>(provider)));
        services.AddSingleton(provider => new PreparedDeliveries(Clock(provider)));
        services.AddSingleton(provider => new WorkspaceSyncLoop(options, Clock(provider), Logger<WorkspaceSyncLoop>(provider)));
        services.AddSingleton<RuntimeHostInitializer>();
        services.AddHostedService(provider => provider.GetRequiredService<RuntimeHostInitializer>());
        services.AddSingleton<RuntimeHostServices>();
        return services;
    }

    private static TimeProvider Clock(IServiceProvider provider) => provider.GetRequiredService<TimeProvider>();

    private static ILogger<T> Logger<T>(IServiceProvider provider) => provider.GetService<ILogger<T>>() ?? NullLogger<T>.Instance;
}
