using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SkillsOrleans.DeploymentTests.Support;

namespace SkillsOrleans.DeploymentTests.Compose;

/// <summary>What the Compose files must keep true beyond the schema: the runtime-host pairing, secrets, ports, health.</summary>
public sealed partial class ComposeInvariantTests
{
    private const string StateDir = "/root/.openclaw";
    private const string Workspace = "/root/clawd";
    private const string GatewayDockerfile = "deploy/openclaw/Dockerfile";

    private static readonly IReadOnlyDictionary<string, JsonObject> Services = ComposeFiles.FleetServices(ComposeFiles.FilledEnvironment());

    private static IEnumerable<(string Name, JsonObject Service)> RuntimeSilos =>
        Services.Where(pair => ComposeFiles.Environment(pair.Value).ContainsKey("RUNTIME_ID")).Select(pair => (pair.Key, pair.Value));

    private static IEnumerable<(string Name, JsonObject Service)> Gateways =>
        Services.Where(pair => pair.Value["build"]?["dockerfile"]?.GetValue<string>() == GatewayDockerfile).Select(pair => (pair.Key, pair.Value));

    [Fact]
    public void The_fleet_has_two_runtime_hosts_for_two_accounts_and_the_base_file_one()
    {
        var baseHosts = ComposeFiles.Services(ComposeFiles.Load(ComposeFiles.Base, ComposeFiles.FilledEnvironment()))
            .Count(pair => ComposeFiles.Environment(pair.Value).ContainsKey("RUNTIME_ID"));
        var hosts = RuntimeSilos.Select(silo => ComposeFiles.Environment(silo.Service)).ToList();

        Assert.Equal(1, baseHosts);
        Assert.Equal(2, hosts.Count);
        Assert.Equal(2, hosts.Select(env => env["RUNTIME_ID"]).Distinct().Count());
        Assert.Equal(2, hosts.Select(env => env["RUNTIME_ACCOUNT"]).Distinct().Count());
        Assert.All(hosts, env => Assert.Matches("^[a-z0-9][a-z0-9-]{0,62}$", env["RUNTIME_ID"]!));
    }

    [Fact]
    public void The_production_api_gets_the_admin_pages_sign_in_and_the_token_checks_settings()
    {
        var api = ComposeFiles.Environment(Services["api"]);

        Assert.Equal("Production", api["ASPNETCORE_ENVIRONMENT"]);
        Assert.All(
            ["AdminPage__Oidc__Authority", "AdminPage__Oidc__ClientId", "AdminPage__Oidc__Scope", "Auth__Issuer", "Auth__JwksUrl", "Auth__AuthorizedParties__0"],
            name => Assert.True(api.ContainsKey(name), $"the api service does not pass {name}"));
    }

    [Fact]
    public void The_fleet_overlay_only_adds_services_volumes_and_secrets()
    {
        var variables = ComposeFiles.FilledEnvironment();
        var baseFile = ComposeFiles.Load(ComposeFiles.Base, variables);
        var fleet = ComposeFiles.Load(ComposeFiles.Fleet, variables);

        foreach (var section in new[] { "services", "volumes", "secrets" })
        {
            var overlap = (fleet[section] as JsonObject ?? []).Select(pair => pair.Key).Intersect((baseFile[section] as JsonObject ?? []).Select(pair => pair.Key));
            Assert.Empty(overlap);
        }
    }

    [Fact]
    public void Each_runtime_silo_shares_its_gateways_network_namespace()
    {
        Assert.NotEmpty(RuntimeSilos);
        foreach (var (name, silo) in RuntimeSilos)
        {
            var networkMode = silo["network_mode"]?.GetValue<string>() ?? "";
            Assert.True(networkMode.StartsWith("service:", StringComparison.Ordinal), $"{name}: network_mode is '{networkMode}'");
            var gateway = networkMode["service:".Length..];
            Assert.True(Gateways.Any(g => g.Name == gateway), $"{name}: '{gateway}' is not an OpenClaw gateway service");
            Assert.Equal("ws://127.0.0.1:18789", ComposeFiles.Environment(silo)["OPENCLAW_GATEWAY_URL"]);
            Assert.Null(silo["ports"]);
            Assert.Null(silo["networks"]);
        }

        Assert.Equal(Gateways.Count(), RuntimeSilos.Select(silo => silo.Service["network_mode"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public void Each_runtime_silo_mounts_its_gateways_state_and_workspace_volumes_at_the_same_paths()
    {
        foreach (var (name, silo) in RuntimeSilos)
        {
            var gatewayName = silo["network_mode"]!.GetValue<string>()["service:".Length..];
            var gateway = Services[gatewayName];
            var siloVolumes = ComposeFiles.Volumes(silo);
            var gatewayVolumes = ComposeFiles.Volumes(gateway);
            foreach (var target in new[] { StateDir, Workspace })
            {
                Assert.True(gatewayVolumes.ContainsKey(target), $"{gatewayName} does not mount {target}");
                Assert.True(siloVolumes.TryGetValue(target, out var source) && source == gatewayVolumes[target],
                    $"{name} does not mount {gatewayName}'s volume '{gatewayVolumes[target]}' at {target}");
            }

            var siloEnv = ComposeFiles.Environment(silo);
            var gatewayEnv = ComposeFiles.Environment(gateway);
            foreach (var variable in new[] { "OPENCLAW_STATE_DIR", "OPENCLAW_CONFIG_PATH", "OPENCLAW_WORKSPACE_DIR", "RUNTIME_SECRETS_FILE" })
            {
                Assert.True(siloEnv.ContainsKey(variable) && gatewayEnv.ContainsKey(variable), $"{variable} must be set on {name} and {gatewayName}");
                Assert.Equal(gatewayEnv[variable], siloEnv[variable]);
            }

            Assert.Equal(StateDir, siloEnv["OPENCLAW_STATE_DIR"]);
            Assert.Equal(Workspace, siloEnv["OPENCLAW_WORKSPACE_DIR"]);
            Assert.StartsWith(StateDir + "/", siloEnv["RUNTIME_SECRETS_FILE"], StringComparison.Ordinal);
            Assert.StartsWith(StateDir + "/", siloEnv["OPENCLAW_CONFIG_PATH"], StringComparison.Ordinal);

            // The sealing key lives in a volume only the silo mounts: the gateway (and its agents) never see it.
            var keyFile = siloEnv["RUNTIME_SEALING_KEY_FILE"]!;
            var keyVolume = siloVolumes.Single(pair => keyFile.StartsWith(pair.Key + "/", StringComparison.Ordinal));
            Assert.DoesNotContain(keyVolume.Value, gatewayVolumes.Values);
        }
    }

    [Fact]
    public void Every_cluster_member_has_its_own_tls_key_and_no_gateway_has_any()
    {
        var keys = Services.Where(service => ComposeFiles.Environment(service.Value).ContainsKey("Orleans__ClusterId")).Select(service => (Name: service.Key, Key: ComposeFiles.Environment(service.Value)["Orleans__Tls__PrivateKey"]!)).ToList();

        Assert.Contains(keys, key => key.Name == "api");
        Assert.All(keys, key => Assert.Contains(key.Key["/run/secrets/".Length..], SecretNames(Services[key.Name])));
        Assert.Equal(keys.Count, keys.Select(key => key.Key).Distinct().Count());
        foreach (var gateway in Services.Where(service => service.Key.StartsWith("openclaw-gateway", StringComparison.Ordinal)))
        {
            Assert.Empty(SecretNames(gateway.Value));
        }
    }

    private static IEnumerable<string> SecretNames(JsonNode service) =>
        (service["secrets"] as JsonArray ?? []).Select(secret => secret!.GetValue<string>());

    [Fact]
    public void Runtime_hosts_share_no_volume_and_no_gateway_token()
    {
        var hosts = RuntimeSilos.Select(silo =>
        {
            var gateway = Services[silo.Service["network_mode"]!.GetValue<string>()["service:".Length..]];
            return (
                Volumes: ComposeFiles.Volumes(silo.Service).Values.Concat(ComposeFiles.Volumes(gateway).Values).ToHashSet(),
                SiloToken: ComposeFiles.Environment(silo.Service)["OPENCLAW_GATEWAY_TOKEN"],
                GatewayToken: ComposeFiles.Environment(gateway)["OPENCLAW_GATEWAY_TOKEN"]);
        }).ToList();

        Assert.All(hosts, host => Assert.False(string.IsNullOrEmpty(host.SiloToken)));
        Assert.All(hosts, host => Assert.Equal(host.GatewayToken, host.SiloToken));
        Assert.Equal(hosts.Count, hosts.Select(host => host.SiloToken).Distinct().Count());
        for (var i = 0; i < hosts.Count; i++)
        {
            for (var j = i + 1; j < hosts.Count; j++)
            {
                Assert.Empty(hosts[i].Volumes.Intersect(hosts[j].Volumes));
            }
        }
    }

    [Fact]
    public void Gateways_follow_the_upstream_container_pattern()
    {
        Assert.NotEmpty(Gateways);
        foreach (var (name, gateway) in Gateways)
        {
            Assert.Equal("2gb", gateway["shm_size"]?.ToString());
            Assert.Equal(true, gateway["init"]?.GetValue<bool>());
            Assert.NotNull(gateway["build"]?["args"]?["EXTRA_APT_PACKAGES"]);
            var env = ComposeFiles.Environment(gateway);
            Assert.Equal("lan", env["OPENCLAW_BIND"]);
            Assert.True(env.ContainsKey("OPENCLAW_GATEWAY_TOKEN"), $"{name} has no OPENCLAW_GATEWAY_TOKEN");
            var port = Assert.Single(gateway["ports"]!.AsArray())!.GetValue<string>();
            Assert.EndsWith(":18789", port, StringComparison.Ordinal);
            Assert.Contains("http://127.0.0.1:18789/healthz", HealthcheckCommand(gateway), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_long_running_service_has_a_healthcheck_and_a_restart_policy()
    {
        foreach (var (name, service) in Services)
        {
            var restart = service["restart"]?.GetValue<string>();
            if (restart == "no")
            {
                // A one-shot step: something must wait for it to finish successfully.
                Assert.Contains(Services.Values, other => other["depends_on"]?[name]?["condition"]?.GetValue<string>() == "service_completed_successfully");
                continue;
            }

            Assert.True(restart is "unless-stopped" or "always", $"{name}: restart is '{restart}'");
            Assert.False(string.IsNullOrWhiteSpace(HealthcheckCommand(service)), $"{name} has no healthcheck");
            Assert.NotEqual(true, service["healthcheck"]?["disable"]?.GetValue<bool>());
        }
    }

    [Fact]
    public void Silos_start_after_the_migration_which_starts_after_a_healthy_database()
    {
        var migrate = Services["migrate"];
        Assert.Equal(["migrate"], migrate["command"]!.AsArray().Select(item => item!.GetValue<string>()));
        Assert.Equal("service_healthy", migrate["depends_on"]?["postgres"]?["condition"]?.GetValue<string>());
        Assert.Contains("pg_isready", HealthcheckCommand(Services["postgres"]), StringComparison.Ordinal);

        var siloImage = migrate["image"]!.GetValue<string>();
        var silos = Services.Where(pair => pair.Key != "migrate" && pair.Value["image"]?.GetValue<string>() == siloImage).ToList();
        Assert.True(silos.Count >= 3, "the core silo and both runtime silos use the silo image");
        Assert.All(silos, pair => Assert.Equal("service_completed_successfully", pair.Value["depends_on"]?["migrate"]?["condition"]?.GetValue<string>()));
        Assert.Equal("service_healthy", Services["api"]["depends_on"]?["silo"]?["condition"]?.GetValue<string>());
    }

    [Fact]
    public void Only_the_migration_connects_as_the_database_owner_and_it_provisions_the_roles_every_other_service_uses()
    {
        var variables = ComposeFiles.FilledEnvironment();
        var owner = $"Username={variables["POSTGRES_USER"]};Password={variables["POSTGRES_PASSWORD"]}";
        var application = $"Username={variables["POSTGRES_APP_USER"]};Password={variables["POSTGRES_APP_PASSWORD"]}";
        var runtime = $"Username={variables["POSTGRES_RUNTIME_USER"]};Password={variables["POSTGRES_RUNTIME_PASSWORD"]}";

        var migrate = ComposeFiles.Environment(Services["migrate"]);
        Assert.Contains(owner, migrate["ConnectionStrings__Postgres"], StringComparison.Ordinal);
        Assert.Equal(variables["POSTGRES_APP_USER"], migrate["Database__ApplicationRole"]);
        Assert.Equal(variables["POSTGRES_APP_PASSWORD"], migrate["Database__ApplicationRolePassword"]);
        Assert.Equal(variables["POSTGRES_RUNTIME_USER"], migrate["Database__RuntimeRole"]);
        Assert.Equal(variables["POSTGRES_RUNTIME_PASSWORD"], migrate["Database__RuntimeRolePassword"]);
        Assert.NotEqual(variables["POSTGRES_APP_USER"], variables["POSTGRES_RUNTIME_USER"]);

        var clients = Services.Where(pair => ComposeFiles.Environment(pair.Value).ContainsKey("ConnectionStrings__Postgres") && pair.Key != "migrate").ToList();
        Assert.Contains("api", clients.Select(pair => pair.Key));
        Assert.True(clients.Count >= 4, "the core silo, both runtime silos and the API connect to the database");
        var runtimeSilos = 0;
        foreach (var (name, service) in Services.Where(pair => pair.Key is not ("migrate" or "postgres")))
        {
            var environment = ComposeFiles.Environment(service);
            Assert.DoesNotContain(environment.Values, value => value?.Contains(variables["POSTGRES_PASSWORD"], StringComparison.Ordinal) == true);
            if (!environment.TryGetValue("ConnectionStrings__Postgres", out var connection))
            {
                continue;
            }

            // Runtime silos run next to third-party skill code: they get the runtime role and never the application role's password.
            var isRuntimeSilo = environment.ContainsKey("RUNTIME_ID");
            runtimeSilos += isRuntimeSilo ? 1 : 0;
            Assert.True(connection!.Contains(isRuntimeSilo ? runtime : application, StringComparison.Ordinal),
                $"{name} must connect as the {(isRuntimeSilo ? "runtime" : "application")} role");
            var other = isRuntimeSilo ? variables["POSTGRES_APP_PASSWORD"] : variables["POSTGRES_RUNTIME_PASSWORD"];
            Assert.DoesNotContain(environment.Values, value => value?.Contains(other, StringComparison.Ordinal) == true);
        }

        Assert.Equal(2, runtimeSilos);
    }

    [Fact]
    public void Core_silos_can_be_scaled()
    {
        var silo = Services["silo"];
        Assert.Null(silo["ports"]);
        Assert.Null(silo["container_name"]);
        Assert.Null(ComposeFiles.Environment(silo).GetValueOrDefault("RUNTIME_ID"));
        Assert.DoesNotContain(Services.Values, service => service["container_name"] is not null);
    }

    [Fact]
    public void Published_ports_are_bound_to_the_bind_host_which_defaults_to_loopback()
    {
        var published = Services.SelectMany(pair => (pair.Value["ports"] as JsonArray ?? []).Select(port => (pair.Key, Port: port!.GetValue<string>()))).ToList();
        Assert.NotEmpty(published);
        Assert.All(published, entry => Assert.StartsWith("127.0.0.1:", entry.Port, StringComparison.Ordinal));

        var exposed = ComposeFiles.FilledEnvironment();
        exposed["OPENCLAW_BIND_HOST"] = "192.0.2.10";
        exposed["SKILLSORLEANS_API_BIND_HOST"] = "192.0.2.11";
        var moved = ComposeFiles.FleetServices(exposed).SelectMany(pair => (pair.Value["ports"] as JsonArray ?? []).Select(port => port!.GetValue<string>())).ToList();
        Assert.Equal(published.Count, moved.Count);
        Assert.All(moved, port => Assert.Matches(@"^192\.0\.2\.1[01]:\d+:\d+$", port));

        var raw = ComposeFiles.All.SelectMany(file => ComposeFiles.Services(YamlJson.ReadObject(Repository.Read(file))))
            .SelectMany(pair => (pair.Value["ports"] as JsonArray ?? []).Select(port => port!.GetValue<string>()));
        Assert.All(raw, port => Assert.Matches(@"^\$\{(OPENCLAW|SKILLSORLEANS_API)_BIND_HOST:-127\.0\.0\.1\}:", port));
    }

    [Fact]
    public void No_secret_is_written_in_a_compose_file()
    {
        foreach (var file in ComposeFiles.All)
        {
            var raw = YamlJson.ReadObject(Repository.Read(file));
            foreach (var (name, service) in ComposeFiles.Services(raw))
            {
                foreach (var (variable, value) in ComposeFiles.Environment(service))
                {
                    if (SecretName().IsMatch(variable))
                    {
                        Assert.True(value is not null && SecretReference().IsMatch(value),
                            $"{file}: {name}.{variable} must come from a variable with no default (is '{value}')");
                    }

                    foreach (Match password in PasswordInConnectionString().Matches(value ?? ""))
                    {
                        Assert.True(SecretReference().IsMatch(password.Groups["value"].Value),
                            $"{file}: {name}.{variable} carries a password that is not a variable");
                    }
                }
            }
        }
    }

    [Fact]
    public void The_example_env_file_leaves_every_secret_empty()
    {
        var example = ComposeFiles.ExampleEnvironment;
        var secrets = example.Keys.Where(name => SecretName().IsMatch(name)).ToList();

        Assert.Equal(ComposeFiles.SecretVariables.Order(StringComparer.Ordinal), secrets.Order(StringComparer.Ordinal));
        Assert.All(secrets, name => Assert.True(example[name].Length == 0, $"{name} has a value in .env.example"));
        Assert.Contains(".env", Repository.Read(".gitignore").Split('\n').Select(line => line.Trim()));
    }

    [Fact]
    public void Every_variable_the_compose_files_read_is_in_the_example_env_file_and_nothing_else()
    {
        var referenced = ComposeFiles.All
            .SelectMany(file => StringsIn(YamlJson.ReadObject(Repository.Read(file))))
            .SelectMany(ComposeInterpolation.VariablesIn)
            .ToHashSet(StringComparer.Ordinal);
        var documented = ComposeFiles.ExampleEnvironment.Keys.ToHashSet(StringComparer.Ordinal);

        Assert.Empty(referenced.Except(documented));
        Assert.Empty(documented.Except(referenced));
    }

    [Fact]
    public void Images_are_pinned()
    {
        foreach (var (name, service) in Services)
        {
            var image = service["image"]?.GetValue<string>();
            Assert.False(string.IsNullOrEmpty(image), $"{name} has no image name");
            var tag = image![(image.LastIndexOf('/') + 1)..].Split(':') is [_, var t] ? t : null;
            Assert.False(tag is null || tag == "latest", $"{name}: image '{image}' needs a tag other than latest");
        }
    }

    private static string HealthcheckCommand(JsonObject service) => service["healthcheck"]?["test"] switch
    {
        JsonArray parts => string.Join(' ', parts.Select(part => part!.GetValue<string>())),
        JsonValue text => text.GetValue<string>(),
        _ => "",
    };

    private static IEnumerable<string> StringsIn(JsonNode? node) => node switch
    {
        JsonObject map => map.SelectMany(pair => StringsIn(pair.Value)),
        JsonArray list => list.SelectMany(StringsIn),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    [GeneratedRegex(@"(PASSWORD|TOKEN|SECRET|API_KEY)$")]
    private static partial Regex SecretName();

    /// <summary>A whole value that is one variable, with no default or an empty one (<c>${X}</c>, <c>${X:-}</c>, <c>${X:?message}</c>).</summary>
    [GeneratedRegex(@"^\$\{[A-Z][A-Z0-9_]*(:?-|:?\?[^}]*)?\}$")]
    private static partial Regex SecretReference();

    [GeneratedRegex(@"Password=(?<value>[^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordInConnectionString();
}
