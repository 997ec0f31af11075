using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using SkillsOrleans.DeploymentTests.Dockerfiles;

namespace SkillsOrleans.DeploymentTests.Kubernetes;

/// <summary>What the Kubernetes manifests must keep true: runtime-host pods, probes, scaling, secrets, pod security.</summary>
public sealed partial class ManifestInvariantTests
{
    private const string SiloImage = "skillsorleans-silo";
    private const string ApiImage = "skillsorleans-api";
    private const string GatewayImage = "skillsorleans-openclaw";

    private static IEnumerable<V1StatefulSet> RuntimeHosts =>
        KubernetesManifests.OfKind<V1StatefulSet>().Where(set => Label(set.Spec.Template.Metadata.Labels, "app.kubernetes.io/component") == "runtime-host");

    [Fact]
    public void Each_runtime_host_pod_runs_the_gateway_and_the_runtime_silo_on_one_volume()
    {
        Assert.NotEmpty(RuntimeHosts);
        foreach (var host in RuntimeHosts)
        {
            var pod = host.Spec.Template.Spec;
            Assert.Equal(["openclaw-gateway", "runtime-silo"], pod.Containers.Select(c => c.Name).Order(StringComparer.Ordinal));
            var gateway = pod.Containers.Single(c => c.Name == "openclaw-gateway");
            var silo = pod.Containers.Single(c => c.Name == "runtime-silo");
            Assert.Equal(GatewayImage, gateway.Image);
            Assert.Equal(SiloImage, silo.Image);

            var claim = Assert.Single(host.Spec.VolumeClaimTemplates).Metadata.Name;
            foreach (var (subPath, mountPath) in new[] { ("state", "/root/.openclaw"), ("workspace", "/root/clawd") })
            {
                foreach (var container in new[] { gateway, silo })
                {
                    Assert.Contains(container.VolumeMounts, mount => mount.Name == claim && mount.SubPath == subPath && mount.MountPath == mountPath);
                }
            }

            var keyFile = silo.Env("RUNTIME_SEALING_KEY_FILE")!.Value;
            var keyMount = silo.VolumeMounts.Single(mount => keyFile.StartsWith(mount.MountPath + "/", StringComparison.Ordinal));
            Assert.DoesNotContain(gateway.VolumeMounts, mount => mount.Name == keyMount.Name && mount.SubPath == keyMount.SubPath);

            foreach (var variable in new[] { "OPENCLAW_STATE_DIR", "OPENCLAW_CONFIG_PATH", "OPENCLAW_WORKSPACE_DIR", "RUNTIME_SECRETS_FILE" })
            {
                Assert.NotNull(silo.Env(variable)?.Value);
                Assert.Equal(gateway.Env(variable)?.Value, silo.Env(variable)!.Value);
            }

            Assert.Equal("ws://127.0.0.1:18789", silo.Env("OPENCLAW_GATEWAY_URL")?.Value);
            Assert.Equal("lan", gateway.Env("OPENCLAW_BIND")?.Value);
            var gatewayToken = gateway.Env("OPENCLAW_GATEWAY_TOKEN")?.ValueFrom?.SecretKeyRef;
            var siloToken = silo.Env("OPENCLAW_GATEWAY_TOKEN")?.ValueFrom?.SecretKeyRef;
            Assert.NotNull(gatewayToken);
            Assert.Equal((gatewayToken.Name, gatewayToken.Key), (siloToken?.Name, siloToken?.Key));

            // Chromium's shared memory, as compose's shm_size.
            var shm = gateway.VolumeMounts.Single(mount => mount.MountPath == "/dev/shm");
            Assert.Equal("Memory", pod.Volumes.Single(volume => volume.Name == shm.Name).EmptyDir?.Medium);

            // The sub-directories exist, owned by the pod's user, before they are mounted.
            var prepare = string.Join(' ', Assert.Single(pod.InitContainers).Command);
            foreach (var mount in pod.Containers.SelectMany(c => c.VolumeMounts).Where(m => m.Name == claim))
            {
                Assert.Contains($"/data/{mount.SubPath}", prepare, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Each_runtime_silo_carries_its_runtime_id_as_silo_metadata_from_its_pod_name()
    {
        foreach (var host in RuntimeHosts)
        {
            var silo = host.Spec.Template.Spec.Containers.Single(c => c.Name == "runtime-silo");
            Assert.Equal("metadata.name", silo.Env("RUNTIME_ID")?.ValueFrom?.FieldRef?.FieldPath);
            Assert.Matches("^[a-z0-9][a-z0-9-]{0,55}$", host.Metadata.Name);
            var account = silo.Env("RUNTIME_ACCOUNT")?.Value;
            Assert.Matches("^[a-z0-9][a-z0-9-]{0,62}$", account);
            Assert.Equal(account, host.Spec.Template.Metadata.Labels["skillsorleans.io/account"]);
            Assert.Equal(1, host.Spec.Replicas);
        }
    }

    [Fact]
    public void Runtime_host_files_keep_their_owner_and_mode_across_restarts()
    {
        foreach (var host in RuntimeHosts)
        {
            var security = host.Spec.Template.Spec.SecurityContext;
            Assert.NotNull(security.RunAsUser);
            Assert.All(host.Spec.Template.Spec.AllContainers(), c => Assert.Null(c.SecurityContext?.RunAsUser));
            if (security.FsGroup is not null)
            {
                // "Always" would add group permissions to the 0600 secret file at every start.
                Assert.Equal("OnRootMismatch", security.FsGroupChangePolicy);
            }
        }
    }

    [Fact]
    public void Silos_advertise_their_pod_ip_and_are_probed_on_health()
    {
        var siloPort = DockerfileSource.Load("deploy/docker/silo.Dockerfile").ListenPort();
        var silos = KubernetesManifests.PodSpecs()
            .Where(pair => pair.Owner != "skillsorleans-migrate")
            .SelectMany(pair => pair.Pod.Containers.Where(c => c.Image == SiloImage).Select(c => (pair.Owner, Container: c)))
            .ToList();
        Assert.True(silos.Count >= 2, "core silos and runtime silos");

        foreach (var (owner, silo) in silos)
        {
            Assert.Equal("status.podIP", silo.Env("Orleans__AdvertisedIP")?.ValueFrom?.FieldRef?.FieldPath);
            AssertHealthProbe(owner, silo, silo.ReadinessProbe, "/health", siloPort);
            AssertHealthProbe(owner, silo, silo.LivenessProbe, "/health", siloPort);
            Assert.NotNull(silo.StartupProbe);
            Assert.Contains(silo.Ports, port => port.ContainerPort == 11111);
            Assert.Contains(silo.Ports, port => port.ContainerPort == 30000);
        }
    }

    [Fact]
    public void Gateways_are_probed_on_their_probe_routes()
    {
        foreach (var host in RuntimeHosts)
        {
            var gateway = host.Spec.Template.Spec.Containers.Single(c => c.Name == "openclaw-gateway");
            AssertHealthProbe(host.Metadata.Name, gateway, gateway.LivenessProbe, "/healthz", 18789);
            AssertHealthProbe(host.Metadata.Name, gateway, gateway.ReadinessProbe, "/startupz", 18789);
        }
    }

    [Fact]
    public void The_api_is_probed_on_health_and_scaled_by_a_horizontal_pod_autoscaler()
    {
        var apiPort = DockerfileSource.Load("deploy/docker/api.Dockerfile").ListenPort();
        var api = Assert.Single(KubernetesManifests.OfKind<V1Deployment>(), d => d.Spec.Template.Spec.Containers.Any(c => c.Image == ApiImage));
        var container = api.Spec.Template.Spec.Containers.Single(c => c.Image == ApiImage);
        AssertHealthProbe(api.Metadata.Name, container, container.ReadinessProbe, "/health", apiPort);
        AssertHealthProbe(api.Metadata.Name, container, container.LivenessProbe, "/health", apiPort);
        Assert.True(container.Resources?.Requests?.ContainsKey("cpu") == true, "the autoscaler needs a CPU request");
        Assert.Null(api.Spec.Replicas);

        var autoscaler = Assert.Single(KubernetesManifests.OfKind<V2HorizontalPodAutoscaler>());
        Assert.Equal(("Deployment", api.Metadata.Name), (autoscaler.Spec.ScaleTargetRef.Kind, autoscaler.Spec.ScaleTargetRef.Name));
        Assert.True(autoscaler.Spec.MinReplicas >= 2);
        Assert.True(autoscaler.Spec.MaxReplicas > autoscaler.Spec.MinReplicas);

        var service = Assert.Single(KubernetesManifests.OfKind<V1Service>(), s => s.Metadata.Name == api.Metadata.Name);
        Assert.Equal(apiPort, container.PortNumber(Assert.Single(service.Spec.Ports).TargetPort));
    }

    [Fact]
    public void The_api_gets_the_admin_pages_sign_in_settings_from_a_config_map()
    {
        var api = Assert.Single(KubernetesManifests.OfKind<V1Deployment>(), d => d.Spec.Template.Spec.Containers.Any(c => c.Image == ApiImage));
        var container = api.Spec.Template.Spec.Containers.Single(c => c.Image == ApiImage);
        var mapped = container.EnvFrom.Select(source => source.ConfigMapRef?.Name).OfType<string>()
            .SelectMany(name => KubernetesManifests.OfKind<V1ConfigMap>().Single(map => map.Metadata.Name == name).Data.Keys)
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(
            ["AdminPage__Oidc__Authority", "AdminPage__Oidc__ClientId", "AdminPage__Oidc__Scope", "Auth__Issuer", "Auth__JwksUrl"],
            name => Assert.True(mapped.Contains(name), $"the api pod gets no {name}"));
    }

    [Fact]
    public void Core_silos_are_a_deployment_that_several_pods_share()
    {
        var silos = Assert.Single(KubernetesManifests.OfKind<V1Deployment>(), d => d.Spec.Template.Spec.Containers.Any(c => c.Image == SiloImage));
        Assert.True(silos.Spec.Replicas >= 2);
        Assert.All(silos.Spec.Template.Spec.Containers, c => Assert.Null(c.Env("RUNTIME_ID")));
        Assert.Contains(KubernetesManifests.OfKind<V1PodDisruptionBudget>(), pdb => Selects(pdb.Spec.Selector.MatchLabels, silos.Spec.Template.Metadata.Labels));
    }

    [Fact]
    public void A_job_applies_the_schema_with_the_silos_migrate_command()
    {
        var job = Assert.Single(KubernetesManifests.OfKind<V1Job>());
        var container = Assert.Single(job.Spec.Template.Spec.Containers);
        Assert.Equal(SiloImage, container.Image);
        Assert.Equal(["migrate"], container.Args);
        Assert.NotNull(container.Env("ConnectionStrings__Postgres")?.ValueFrom?.SecretKeyRef);
        Assert.True(job.Spec.Template.Spec.RestartPolicy is "OnFailure" or "Never");
    }

    [Fact]
    public void Only_the_migration_job_reads_the_database_owner_and_it_provisions_the_roles_every_other_pod_uses()
    {
        const string OwnerSecret = "skillsorleans-database-owner";
        const string ApplicationSecret = "skillsorleans-database";
        const string RuntimeSecret = "skillsorleans-database-runtime";
        var job = Assert.Single(KubernetesManifests.OfKind<V1Job>());
        var migrate = Assert.Single(job.Spec.Template.Spec.Containers);
        Assert.Equal(OwnerSecret, migrate.Env("ConnectionStrings__Postgres")!.ValueFrom.SecretKeyRef.Name);
        Assert.Equal("skillsorleans_app", migrate.Env("Database__ApplicationRole")!.Value);
        Assert.Equal("application-role-password", migrate.Env("Database__ApplicationRolePassword")!.ValueFrom.SecretKeyRef.Key);
        Assert.Equal("skillsorleans_runtime", migrate.Env("Database__RuntimeRole")!.Value);
        Assert.Equal((RuntimeSecret, "runtime-role-password"),
            (migrate.Env("Database__RuntimeRolePassword")!.ValueFrom.SecretKeyRef.Name, migrate.Env("Database__RuntimeRolePassword")!.ValueFrom.SecretKeyRef.Key));

        int core = 0, runtime = 0;
        foreach (var (owner, pod) in KubernetesManifests.PodSpecs().Where(pair => pair.Owner != job.Metadata.Name))
        {
            foreach (var container in pod.AllContainers())
            {
                Assert.False((container.Env ?? []).Any(env => env.ValueFrom?.SecretKeyRef?.Name == OwnerSecret), $"{owner} must not read {OwnerSecret}");
                if (container.Env("ConnectionStrings__Postgres") is { } connection)
                {
                    // Runtime silos run next to third-party skill code: the runtime role's Secret, and nothing of the application role's.
                    var isRuntimeSilo = container.Env("RUNTIME_ID") is not null;
                    Assert.Equal(isRuntimeSilo ? RuntimeSecret : ApplicationSecret, connection.ValueFrom.SecretKeyRef.Name);
                    var other = isRuntimeSilo ? ApplicationSecret : RuntimeSecret;
                    Assert.False((container.Env ?? []).Any(env => env.ValueFrom?.SecretKeyRef?.Name == other), $"{owner}/{container.Name} must not read {other}");
                    _ = isRuntimeSilo ? runtime++ : core++;
                }
            }

            Assert.False((pod.Volumes ?? []).Any(volume => volume.Secret?.SecretName == OwnerSecret), $"{owner} must not mount {OwnerSecret}");
        }

        Assert.True(core >= 2, "core silos and the API connect as the application role");
        Assert.True(runtime >= 1, "runtime silos connect as the runtime role");
    }

    [Fact]
    public void Secrets_come_only_from_kubernetes_secrets()
    {
        Assert.Empty(KubernetesManifests.OfKind<V1Secret>());
        foreach (var (owner, pod) in KubernetesManifests.PodSpecs())
        {
            foreach (var env in pod.AllContainers().SelectMany(c => c.Env ?? []))
            {
                if (SecretName().IsMatch(env.Name) || env.Name.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
                {
                    Assert.True(env.Value is null && env.ValueFrom?.SecretKeyRef is not null, $"{owner}: {env.Name} must come from a Secret");
                }

                Assert.DoesNotContain("password=", env.Value ?? "", StringComparison.OrdinalIgnoreCase);
            }
        }

        foreach (var map in KubernetesManifests.OfKind<V1ConfigMap>())
        {
            Assert.DoesNotContain(map.Data.Keys, key => SecretName().IsMatch(key) || key.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Pods_meet_the_restricted_pod_security_standard()
    {
        var ns = Assert.Single(KubernetesManifests.OfKind<V1Namespace>());
        Assert.Equal("restricted", ns.Metadata.Labels["pod-security.kubernetes.io/enforce"]);
        foreach (var (owner, pod) in KubernetesManifests.PodSpecs())
        {
            Assert.True(pod.SecurityContext?.RunAsNonRoot == true, $"{owner}: runAsNonRoot");
            Assert.True(pod.SecurityContext?.RunAsUser is > 0, $"{owner}: a non-root runAsUser");
            Assert.Equal("RuntimeDefault", pod.SecurityContext?.SeccompProfile?.Type);
            Assert.NotEqual(true, pod.HostNetwork);
            Assert.False(pod.AutomountServiceAccountToken ?? true, $"{owner}: no service account token is needed");
            Assert.All(pod.Volumes ?? [], volume => Assert.Null(volume.HostPath));
            foreach (var container in pod.AllContainers())
            {
                Assert.True(container.SecurityContext?.AllowPrivilegeEscalation == false, $"{owner}/{container.Name}: allowPrivilegeEscalation");
                Assert.Equal(["ALL"], container.SecurityContext?.Capabilities?.Drop ?? []);
                Assert.Null(container.SecurityContext?.Privileged);
            }
        }
    }

    [Fact]
    public void Selectors_find_the_pods_they_are_meant_for()
    {
        var templates = KubernetesManifests.PodSpecs().Count();
        var podLabels = KubernetesManifests.Objects.Select(item => item switch
        {
            V1Deployment d => d.Spec.Template.Metadata.Labels,
            V1StatefulSet s => s.Spec.Template.Metadata.Labels,
            V1Job j => j.Spec.Template.Metadata.Labels,
            _ => null,
        }).OfType<IDictionary<string, string>>().ToList();
        Assert.Equal(templates, podLabels.Count);

        foreach (var deployment in KubernetesManifests.OfKind<V1Deployment>())
        {
            Assert.True(Selects(deployment.Spec.Selector.MatchLabels, deployment.Spec.Template.Metadata.Labels), deployment.Metadata.Name);
        }

        foreach (var set in KubernetesManifests.OfKind<V1StatefulSet>())
        {
            Assert.True(Selects(set.Spec.Selector.MatchLabels, set.Spec.Template.Metadata.Labels), set.Metadata.Name);
            Assert.Contains(KubernetesManifests.OfKind<V1Service>(), service => service.Metadata.Name == set.Spec.ServiceName && service.Spec.ClusterIP == "None");
        }

        foreach (var service in KubernetesManifests.OfKind<V1Service>())
        {
            Assert.Contains(podLabels, labels => Selects(service.Spec.Selector, labels));
        }

        foreach (var budget in KubernetesManifests.OfKind<V1PodDisruptionBudget>())
        {
            Assert.Contains(podLabels, labels => Selects(budget.Spec.Selector.MatchLabels, labels));
        }

        foreach (var policy in KubernetesManifests.OfKind<V1NetworkPolicy>())
        {
            Assert.Contains(podLabels, labels => Selects(policy.Spec.PodSelector.MatchLabels, labels));
        }
    }

    [Fact]
    public void Containers_use_the_projects_images_which_the_kustomization_pins()
    {
        var images = KubernetesManifests.PodSpecs().SelectMany(pair => pair.Pod.AllContainers()).Select(c => c.Image).ToHashSet();
        Assert.Equal(new HashSet<string> { SiloImage, ApiImage, GatewayImage }, images);

        var kustomization = Support.YamlJson.ReadObject(Support.Repository.Read(KubernetesManifests.Kustomization));
        var pinned = kustomization["images"]!.AsArray().ToDictionary(item => item!["name"]!.GetValue<string>(), item => item!["newTag"]!.GetValue<string>());
        Assert.Equal(images.Order(StringComparer.Ordinal), pinned.Keys.Order(StringComparer.Ordinal));
        Assert.All(pinned.Values, tag => Assert.False(tag is "" or "latest"));
    }

    private static void AssertHealthProbe(string owner, V1Container container, V1Probe? probe, string path, int port)
    {
        Assert.True(probe?.HttpGet is not null, $"{owner}/{container.Name}: no HTTP probe");
        Assert.Equal(path, probe.HttpGet.Path);
        Assert.Equal(port, container.PortNumber(probe.HttpGet.Port));
    }

    private static string? Label(IDictionary<string, string>? labels, string key) =>
        labels is not null && labels.TryGetValue(key, out var value) ? value : null;

    private static bool Selects(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is { Count: > 0 } && labels is not null && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);

    [GeneratedRegex(@"(PASSWORD|TOKEN|SECRET|API_KEY)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
