using System.Diagnostics.Metrics;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Orleans.Connections.Security;
using SkillsOrleans.Model;

namespace SkillsOrleans.ClientHosting.Security;

/// <summary>
/// Mutual TLS settings for one kind of connection: this process's certificate, a certificate required from the
/// other side, and the kinds of cluster peer allowed there (silo ports admit silos, gateway ports admit clients).
/// </summary>
public static class ClusterTlsOptions
{
    private static readonly Meter Meter = new(TelemetryNames.SkillsOrleans);

    private static readonly Counter<long> RefusedPeers = Meter.CreateCounter<long>(
        "skillsorleans.cluster_tls.refused", "{connection}",
        "Cluster connections refused because the other side's certificate proved no allowed cluster identity.");

    public static TlsOptions For(ClusterCredentials credentials, ILogger logger, string port, params ClusterPeerKind[] allowed)
    {
        var options = new TlsOptions
        {
            LocalCertificate = credentials.Certificate,
            RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
            ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
            SslProtocols = SslProtocols.Tls13,
            CheckCertificateRevocation = false,
            // Names are not identities here (silos move between addresses); the identity URI is checked instead.
            OnAuthenticateAsClient = (_, client) => client.TargetHost = ClusterPeerIdentity.TrustDomain,
        };
        options.RemoteCertificateValidation = (certificate, _, _) => Admit(credentials.Validator, certificate, logger, port, allowed);
        return options;
    }

    private static bool Admit(ClusterCertificateValidator validator, X509Certificate2 certificate, ILogger logger, string port, ClusterPeerKind[] allowed)
    {
        var verdict = validator.Validate(certificate);
        var refusal = verdict.Identity switch
        {
            null => verdict.Refusal,
            { Kind: var kind } when !allowed.Contains(kind) => $"{verdict.Identity} may not connect to a {port}",
            _ => null,
        };
        if (refusal is null)
        {
            return true;
        }

        RefusedPeers.Add(1, new KeyValuePair<string, object?>("port", port));
        ClusterTlsLog.PeerRefused(logger, port, certificate.Subject, refusal);
        return false;
    }
}

internal static partial class ClusterTlsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a cluster connection on the {Port}: certificate '{Subject}': {Reason}")]
    public static partial void PeerRefused(ILogger logger, string port, string subject, string reason);
}
