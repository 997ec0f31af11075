using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace SkillsOrleans.ClientHosting.Security;

/// <summary>
/// Where a process finds its cluster certificate (PEM), its private key (PEM) and the cluster's certificate authority
/// (PEM, one or more certificates): <c>Orleans:Tls:Certificate</c>, <c>Orleans:Tls:PrivateKey</c>,
/// <c>Orleans:Tls:Authority</c>. All three or none; none is allowed only in the Development environment.
/// </summary>
public sealed record ClusterTlsSettings(string CertificatePath, string PrivateKeyPath, string AuthorityPath)
{
    public const string Section = "Orleans:Tls";

    /// <summary>The settings, or null when none are given; a partial set is an error.</summary>
    public static ClusterTlsSettings? From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        string?[] paths = [section["Certificate"], section["PrivateKey"], section["Authority"]];
        if (paths.All(string.IsNullOrWhiteSpace))
        {
            return null;
        }

        if (paths.Any(string.IsNullOrWhiteSpace))
        {
            throw new InvalidOperationException(
                "Cluster TLS needs all of Orleans:Tls:Certificate, Orleans:Tls:PrivateKey and Orleans:Tls:Authority " +
                "(environment Orleans__Tls__Certificate, Orleans__Tls__PrivateKey, Orleans__Tls__Authority).");
        }

        return new ClusterTlsSettings(paths[0]!, paths[1]!, paths[2]!);
    }

    /// <summary>
    /// The settings, or null in Development; anywhere else a process without them refuses to start, because an
    /// unauthenticated cluster port lets any local process call any tenant's grains — unless
    /// <c>Orleans:Tls:AllowPlaintext</c> is true, which the tests of production settings other than TLS use.
    /// </summary>
    public static ClusterTlsSettings? Required(IConfiguration configuration, string environmentName, string process)
    {
        var settings = From(configuration);
        if (settings is null
            && !string.Equals(environmentName, "Development", StringComparison.OrdinalIgnoreCase)
            && !configuration.GetValue(Section + ":AllowPlaintext", false))
        {
            throw new InvalidOperationException(
                $"The {process} refuses to start without cluster TLS in the {environmentName} environment: set Orleans__Tls__Certificate, " +
                "Orleans__Tls__PrivateKey and Orleans__Tls__Authority (docs/cluster-tls.md shows how to issue them).");
        }

        if (settings is not null && configuration.GetValue(Section + ":AllowPlaintext", false))
        {
            throw new InvalidOperationException("Orleans:Tls:AllowPlaintext contradicts the Orleans:Tls certificate settings: set one or the other.");
        }

        return settings;
    }

    public ClusterCredentials Load(ClusterPeerIdentity expected, TimeProvider time)
    {
        var certificate = X509Certificate2.CreateFromPemFile(CertificatePath, PrivateKeyPath);
        var authority = new X509Certificate2Collection();
        authority.ImportFromPemFile(AuthorityPath);
        if (authority.Count == 0)
        {
            throw new InvalidOperationException($"Orleans:Tls:Authority ({AuthorityPath}) holds no certificate.");
        }

        var validator = new ClusterCertificateValidator(authority, time);
        var verdict = validator.Validate(certificate);
        if (verdict.Identity != expected)
        {
            throw new InvalidOperationException(verdict.Accepted
                ? $"The cluster certificate {CertificatePath} names {verdict.Identity}, but this process is {expected}."
                : $"The cluster certificate {CertificatePath} is refused by this cluster's own rules: {verdict.Refusal}.");
        }

        return new ClusterCredentials(certificate, validator, expected);
    }
}

/// <summary>A process's loaded cluster certificate and the validator its peers are checked with.</summary>
public sealed record ClusterCredentials(X509Certificate2 Certificate, ClusterCertificateValidator Validator, ClusterPeerIdentity Identity);
