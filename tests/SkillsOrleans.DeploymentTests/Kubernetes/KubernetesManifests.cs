using k8s;
using k8s.Models;
using SkillsOrleans.DeploymentTests.Support;

namespace SkillsOrleans.DeploymentTests.Kubernetes;

/// <summary>
/// The manifests under deploy/k8s, read by the official Kubernetes C# client (NuGet KubernetesClient, whose types are
/// generated from the Kubernetes OpenAPI document) in strict mode: an unknown field, a value of the wrong type, or an
/// apiVersion/kind the API does not have is an error, as <c>kubectl apply --validate=strict</c> would report.
/// </summary>
internal static class KubernetesManifests
{
    public const string Folder = "deploy/k8s";
    public const string Kustomization = "deploy/k8s/kustomization.yaml";

    public static IReadOnlyList<string> Files { get; } =
        [.. Repository.FilesUnder(Folder, "*.yaml").Where(file => file != Kustomization)];

    public static IReadOnlyList<IKubernetesObject> Objects { get; } = [.. Files.SelectMany(file => Parse(Repository.Read(file)))];

    public static IReadOnlyList<IKubernetesObject> Parse(string yaml) =>
        [.. KubernetesYaml.LoadAllFromString(yaml, strict: true).Cast<IKubernetesObject>()];

    public static IEnumerable<T> OfKind<T>() => Objects.OfType<T>();

    /// <summary>Every pod template with the name of the object that owns it.</summary>
    public static IEnumerable<(string Owner, V1PodSpec Pod)> PodSpecs()
    {
        foreach (var item in Objects)
        {
            var owner = item switch
            {
                V1Deployment d => (d.Metadata.Name, d.Spec.Template.Spec),
                V1StatefulSet s => (s.Metadata.Name, s.Spec.Template.Spec),
                V1Job j => (j.Metadata.Name, j.Spec.Template.Spec),
                _ => ((string, V1PodSpec)?)null,
            };
            if (owner is { } found)
            {
                yield return found;
            }
        }
    }

    public static IEnumerable<V1Container> AllContainers(this V1PodSpec pod) =>
        (pod.InitContainers ?? []).Concat(pod.Containers ?? []);

    public static V1EnvVar? Env(this V1Container container, string name) => container.Env?.FirstOrDefault(env => env.Name == name);

    /// <summary>A named or numbered container port, as a number.</summary>
    public static int PortNumber(this V1Container container, IntOrString port) =>
        int.TryParse(port.Value, out var number)
            ? number
            : container.Ports?.FirstOrDefault(p => p.Name == port.Value)?.ContainerPort
                ?? throw new InvalidOperationException($"{container.Name} has no port named {port.Value}");
}
