using System.Globalization;
using SkillsOrleans.ClientHosting.Security;
using SkillsOrleans.Grains.Webhooks;
using SkillsOrleans.Hosting.Security;

namespace SkillsOrleans.Silo;

/// <summary>
/// <c>SkillsOrleans.Silo certs --out DIR [--core] [--api] [--runtime ID]... [--days N]</c>: issues cluster TLS
/// certificates from the authority in DIR (<c>ca.pem</c>, <c>ca.key</c>), creating the authority first if DIR has none.
/// Writes <c>core.pem</c>/<c>core.key</c>, <c>api.pem</c>/<c>api.key</c> and <c>runtime-ID.pem</c>/<c>runtime-ID.key</c>;
/// keys are 0600, or 0644 with <c>--readable-keys</c> for Compose's file secrets, which containers see with this
/// machine's owner and mode (the directory's 0700 then guards them here). Run it again to renew: the authority
/// stays, the leaf certificates are replaced. With <c>--core</c> it also makes the key core silos sign account webhooks
/// with, <c>webhook-signing-key.pem</c>, once: every core silo must read the same one, and it is never replaced.
/// </summary>
internal static class CertificatesCommand
{
    private static readonly TimeSpan AuthorityLifetime = TimeSpan.FromDays(3650);

    public static int Run(string[] args)
    {
        var output = Value(args, "--out") ?? throw new ArgumentException("certs needs --out DIR");
        var lifetime = TimeSpan.FromDays(int.Parse(Value(args, "--days") ?? "90", CultureInfo.InvariantCulture));
        var readableKey = args.Contains("--readable-keys");
        var identities = new List<(string File, ClusterPeerIdentity Identity)>();
        if (args.Contains("--core"))
        {
            identities.Add(("core", ClusterPeerIdentity.CoreSilo));
        }

        if (args.Contains("--api"))
        {
            identities.Add(("api", ClusterPeerIdentity.Client));
        }

        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--runtime")
            {
                var runtimeId = Model.Identifiers.ResourceIds.RequireRuntimeId(args[i + 1]);
                identities.Add(($"runtime-{runtimeId}", ClusterPeerIdentity.Runtime(runtimeId)));
            }
        }

        Directory.CreateDirectory(output);
        if (args.Contains("--core"))
        {
            var webhookKey = Path.Combine(output, "webhook-signing-key.pem");
            using (WebhookSigningKey.LoadOrCreate(webhookKey))
            {
                File.SetUnixFileMode(webhookKey, readableKey
                    ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead
                    : UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        using var authority = LoadOrCreateAuthority(output);
        foreach (var (file, identity) in identities)
        {
            using var certificate = authority.Issue(identity, lifetime, TimeProvider.System);
            ClusterCertificateFiles.Write(certificate, Path.Combine(output, file + ".pem"), Path.Combine(output, file + ".key"), readableKey);
            Console.WriteLine($"issued {identity} -> {Path.Combine(output, file)}.pem (until {certificate.NotAfter:yyyy-MM-dd})");
        }

        return 0;
    }

    private static ClusterCertificateAuthority LoadOrCreateAuthority(string output)
    {
        var certificatePath = Path.Combine(output, "ca.pem");
        var keyPath = Path.Combine(output, "ca.key");
        if (File.Exists(certificatePath) && File.Exists(keyPath))
        {
            return ClusterCertificateAuthority.Load(certificatePath, keyPath);
        }

        var authority = ClusterCertificateAuthority.Create(AuthorityLifetime, TimeProvider.System);
        ClusterCertificateFiles.Write(authority.Root, certificatePath, keyPath);
        Console.WriteLine($"created the cluster authority {certificatePath}");
        return authority;
    }

    private static string? Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
