using SkillsOrleans.ClientHosting.Security;
using SkillsOrleans.Hosting.Security;

namespace SkillsOrleans.CrashHarness;

/// <summary>
/// The cluster TLS material of a run, as deploy/local/run.sh makes it: one authority, and a certificate per process
/// written to files that the process is pointed at with the <c>Orleans__Tls__*</c> settings.
/// </summary>
public sealed class ClusterTlsFiles(string directory) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public ClusterCertificateAuthority Authority { get; } = ClusterCertificateAuthority.Create(TimeSpan.FromDays(30), TimeProvider.System);

    /// <summary>The settings that give a process a certificate for <paramref name="identity"/> (from <paramref name="issuer"/>, or this run's authority).</summary>
    public Dictionary<string, string> Environment(ClusterPeerIdentity identity, string name, ClusterCertificateAuthority? issuer = null)
    {
        using var certificate = (issuer ?? Authority).Issue(identity, Lifetime, TimeProvider.System);
        var certificatePath = Path.Combine(directory, name + ".pem");
        var keyPath = Path.Combine(directory, name + ".key");
        var authorityPath = Path.Combine(directory, "ca.pem");
        ClusterCertificateFiles.Write(certificate, certificatePath, keyPath);
        File.WriteAllText(authorityPath, Authority.Root.ExportCertificatePem() + "\n");
        return new Dictionary<string, string>
        {
            ["Orleans__Tls__Certificate"] = certificatePath,
            ["Orleans__Tls__PrivateKey"] = keyPath,
            ["Orleans__Tls__Authority"] = authorityPath,
        };
    }

    public void Dispose() => Authority.Dispose();
}
