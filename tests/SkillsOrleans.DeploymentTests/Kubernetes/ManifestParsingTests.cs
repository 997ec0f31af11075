using k8s.Models;
using SkillsOrleans.DeploymentTests.Support;

namespace SkillsOrleans.DeploymentTests.Kubernetes;

/// <summary>Every manifest is valid Kubernetes API objects; the strict reading refuses broken ones.</summary>
public sealed class ManifestParsingTests
{
    public static TheoryData<string> Files => [.. KubernetesManifests.Files];

    [Theory]
    [MemberData(nameof(Files))]
    public void Manifest_parses_strictly_as_kubernetes_api_objects(string file)
    {
        var objects = KubernetesManifests.Parse(Repository.Read(file));

        Assert.NotEmpty(objects);
        Assert.All(objects, item => Assert.False(string.IsNullOrEmpty(((IMetadata<V1ObjectMeta>)item).Metadata?.Name), $"{file}: an object has no name"));
    }

    [Fact]
    public void The_manifests_hold_the_objects_the_deployment_needs()
    {
        var kinds = KubernetesManifests.Objects.Select(item => $"{item.ApiVersion}/{item.Kind}").ToHashSet();

        Assert.Superset(
            new HashSet<string> { "apps/v1/Deployment", "apps/v1/StatefulSet", "batch/v1/Job", "autoscaling/v2/HorizontalPodAutoscaler", "v1/Service", "v1/ConfigMap" },
            kinds);
        Assert.Equal(
            KubernetesManifests.Objects.Count,
            KubernetesManifests.Objects.Select(item => $"{item.Kind}/{((IMetadata<V1ObjectMeta>)item).Metadata.Name}").Distinct().Count());
    }

    /// <summary>The reading has teeth: one mistake each in a real manifest is refused.</summary>
    [Theory]
    [InlineData("a misspelt field", "  replicas: 2\n", "  replica: 2\n")]
    [InlineData("a number that is not one", "  replicas: 2\n", "  replicas: two\n")]
    [InlineData("a kind the API does not have", "kind: Deployment", "kind: Deploymnet")]
    [InlineData("an apiVersion the API does not have", "apiVersion: apps/v1\nkind: Deployment", "apiVersion: apps/v2\nkind: Deployment")]
    [InlineData("a probe without a handler type", "            httpGet:\n              path: /health\n              port: http\n            periodSeconds: 10", "            httpGett:\n              path: /health\n              port: http\n            periodSeconds: 10")]
    public void Strict_reading_refuses_a_broken_manifest(string mistake, string original, string replacement)
    {
        var yaml = Repository.Read("deploy/k8s/silo.yaml");
        Assert.Contains(original, yaml, StringComparison.Ordinal);

        var broken = yaml.Replace(original, replacement, StringComparison.Ordinal);

        Assert.ThrowsAny<Exception>(() => KubernetesManifests.Parse(broken));
        _ = mistake;
    }
}
