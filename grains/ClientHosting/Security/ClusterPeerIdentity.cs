namespace SkillsOrleans.ClientHosting.Security;

/// <summary>What a cluster certificate lets its holder be.</summary>
public enum ClusterPeerKind
{
    /// <summary>A core silo: hosts accounts, credentials and the directories.</summary>
    CoreSilo,

    /// <summary>The silo next to one OpenClaw gateway; the certificate names the runtime.</summary>
    RuntimeSilo,

    /// <summary>An Orleans client of the cluster: the API.</summary>
    Client,
}

/// <summary>
/// A cluster member's identity, carried in its certificate as a SPIFFE-style URI subject alternative name:
/// <c>spiffe://skillsorleans/core</c>, <c>spiffe://skillsorleans/api</c> or <c>spiffe://skillsorleans/runtime/{id}</c>.
/// A URI rather than a common name so that one certificate states one identity, which names and addresses cannot.
/// </summary>
public sealed record ClusterPeerIdentity(ClusterPeerKind Kind, string? RuntimeId = null)
{
    public const string TrustDomain = "skillsorleans";
    private const string Prefix = "spiffe://" + TrustDomain + "/";
    private const string RuntimePrefix = Prefix + "runtime/";

    public static ClusterPeerIdentity CoreSilo { get; } = new(ClusterPeerKind.CoreSilo);

    public static ClusterPeerIdentity Client { get; } = new(ClusterPeerKind.Client);

    public static ClusterPeerIdentity Runtime(string runtimeId) => new(ClusterPeerKind.RuntimeSilo, runtimeId);

    public Uri ToUri() => new(Kind switch
    {
        ClusterPeerKind.CoreSilo => Prefix + "core",
        ClusterPeerKind.Client => Prefix + "api",
        _ => RuntimePrefix + RuntimeId,
    });

    /// <summary>The identity a URI names, or null when it names none of ours.</summary>
    public static ClusterPeerIdentity? FromUri(string uri) => uri switch
    {
        Prefix + "core" => CoreSilo,
        Prefix + "api" => Client,
        _ when uri.StartsWith(RuntimePrefix, StringComparison.Ordinal)
               && Model.Identifiers.ResourceIds.IsRuntimeId(uri[RuntimePrefix.Length..]) => Runtime(uri[RuntimePrefix.Length..]),
        _ => null,
    };

    public override string ToString() => ToUri().ToString();
}
