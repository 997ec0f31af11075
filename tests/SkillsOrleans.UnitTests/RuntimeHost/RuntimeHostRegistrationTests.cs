using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SkillsOrleans.RuntimeHost;
using SkillsOrleans.RuntimeHost.Secrets;
using SkillsOrleans.UnitTests.Secrets;

namespace SkillsOrleans.UnitTests.RuntimeHost;

/// <summary>A process that runs next to an OpenClaw gateway registers its runtime host once; every part is one shared singleton.</summary>
public sealed class RuntimeHostRegistrationTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private RuntimeHostOptions Options() => new()
    {
        RuntimeId = "demo-runtime-1",
        AccountId = "demo",
        WorkspaceDir = _directory.Combine("workspace"),
        StateDir = _directory.Combine("state"),
        ConfigPath = _directory.Combine("state", "openclaw.json"),
        SecretsFile = _directory.Combine("state", "secrets", "runtime-secrets.json"),
        SealingKeyFile = _directory.Combine("state", "skillsorleans", "sealing-key.pem"),
    };

    [Fact]
    public async Task The_parts_are_singletons_and_the_secret_file_is_read_once_opened()
    {
        await using var provider = new ServiceCollection().AddRuntimeHost(Options()).BuildServiceProvider();

        var host = provider.GetRequiredService<RuntimeHostServices>();

        Assert.Same(host, provider.GetRequiredService<RuntimeHostServices>());
        Assert.Same(provider.GetRequiredService<HostSecretStore>(), host.Secrets);
        Assert.Same(provider.GetRequiredService<HostCredentials>(), host.Credentials);
        Assert.Equal(SecretStoreState.Faulted, host.Secrets.Status.State); // not read yet: it serves nothing
        Assert.Contains(provider.GetServices<IHostedService>(), service => service is RuntimeHostInitializer);

        await host.OpenAsync(CancellationToken.None);
        await host.OpenAsync(CancellationToken.None);

        Assert.Equal((SecretStoreState.Ready, 0), (host.Secrets.Status.State, host.Secrets.Status.Entries));
        await host.Secrets.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), "value");
        Assert.True(host.Secrets.Contains(new("demo", "trello", "TRELLO_API_KEY")));
    }

    [Fact]
    public void A_process_registers_one_runtime_host()
    {
        var services = new ServiceCollection().AddRuntimeHost(Options());

        Assert.Throws<InvalidOperationException>(() => services.AddRuntimeHost(Options()));
    }
}
