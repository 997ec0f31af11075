using k8s.Models;
using SkillsOrleans.DeploymentTests.Support;

namespace SkillsOrleans.DeploymentTests.Kubernetes;

/// <summary>deploy/k8s/kustomization.yaml names every manifest, and kubectl's kustomize builds them into valid objects.</summary>
public sealed class KustomizationTests
{
    [Fact]
    public void The_kustomization_lists_every_manifest_and_nothing_else()
    {
        var kustomization = YamlJson.ReadObject(Repository.Read(KubernetesManifests.Kustomization));
        var resources = kustomization["resources"]!.AsArray().Select(item => $"{KubernetesManifests.Folder}/{item!.GetValue<string>()}");

        Assert.Equal(KubernetesManifests.Files, resources.Order(StringComparer.Ordinal));
        Assert.Equal("skillsorleans", kustomization["namespace"]?.GetValue<string>());
    }

    [KubectlFact]
    public async Task Kubectl_builds_the_kustomization_into_objects_the_kubernetes_client_accepts()
    {
        var result = await ProcessRunner.RunAsync(ProcessRunner.Require("kubectl"), ["kustomize", KubernetesManifests.Folder],
            environment: new Dictionary<string, string?> { ["KUBECONFIG"] = "/nonexistent" });
        Assert.True(result.ExitCode == 0, result.Output);

        var built = KubernetesManifests.Parse(result.StandardOutput);

        Assert.Equal(KubernetesManifests.Objects.Count, built.Count);
        Assert.All(built.Where(item => item is not V1Namespace), item => Assert.Equal("skillsorleans", ((IMetadata<V1ObjectMeta>)item).Metadata.NamespaceProperty));
        var images = built.SelectMany(item => item switch
        {
            V1Deployment d => d.Spec.Template.Spec.Containers,
            V1StatefulSet s => s.Spec.Template.Spec.Containers.Concat(s.Spec.Template.Spec.InitContainers ?? []),
            V1Job j => j.Spec.Template.Spec.Containers,
            _ => [],
        }).Select(container => container.Image).ToHashSet();
        Assert.All(images, image => Assert.Matches(@"^registry\.example\.com/skillsorleans/[a-z-]+:[0-9][0-9.]*$", image));
    }
}

/// <summary>A fact that needs kubectl (for its built-in kustomize); skipped, saying so, when it is not on PATH.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (ProcessRunner.Find("kubectl") is null)
        {
            Skip = "kubectl is not on PATH: install it to check that `kubectl kustomize deploy/k8s` builds the manifests.";
        }
    }
}
