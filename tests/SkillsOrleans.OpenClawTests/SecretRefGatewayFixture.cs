using System.Text.Json;
using SkillsOrleans.RuntimeHost.Secrets;
using SkillsOrleans.Testing;

namespace SkillsOrleans.OpenClawTests;

/// <summary>
/// One real gateway for the reload tests, configured as a runtime host configures it: the host secret file (written
/// by <see cref="HostSecretStore"/>) registered as the file provider <c>skillsorleans</c>, and the bundled
/// <c>openai-whisper-api</c> skill's API key a SecretRef into it.
/// </summary>
public sealed class SecretRefGatewayFixture : IAsyncLifetime
{
    public const string Account = "demo";
    public const string SkillKey = "openai-whisper-api";
    public const string KeyName = "OPENAI_API_KEY";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("skillsorleans-gateway-");

    public OpenClawCli Cli { get; private set; } = null!;

    public RunningGateway Gateway { get; private set; } = null!;

    public HostSecretStore Store { get; private set; } = null!;

    public string SecretFile => Path.Combine(Cli.StateDir, "skillsorleans", "runtime-secrets.json");

    public async Task InitializeAsync()
    {
        var workspace = Directory.CreateDirectory(Path.Combine(_root.FullName, "workspace"));
        var state = Directory.CreateDirectory(Path.Combine(_root.FullName, "state"));
        Cli = new OpenClawCli(state.FullName, workspace.FullName);
        Store = await HostSecretStore.OpenAsync(SecretFile);
        await Store.SetAsync(new(Account, SkillKey, KeyName), "v1");
        File.WriteAllText(Cli.ConfigPath, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["gateway"] = new { mode = "local" },
            ["agents"] = new { defaults = new { workspace = workspace.FullName } },
            ["secrets"] = new { providers = new { skillsorleans = new { source = "file", path = SecretFile, mode = "json" } } },
            ["skills"] = new Dictionary<string, object>
            {
                ["entries"] = new Dictionary<string, object>
                {
                    [SkillKey] = new { apiKey = new { source = "file", provider = "skillsorleans", id = $"/{Account}/{SkillKey}/{KeyName}" } },
                },
            },
        }));

        Gateway = await RunningGateway.StartAsync(Cli, FreePorts.Next(), "gateway-token-" + Guid.NewGuid().ToString("N"));
    }

    public async Task DisposeAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        Store?.Dispose();
        _root.Delete(recursive: true);
    }
}
