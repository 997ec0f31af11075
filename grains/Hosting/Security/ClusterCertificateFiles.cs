using System.Security.Cryptography.X509Certificates;

namespace SkillsOrleans.Hosting.Security;

/// <summary>Writes a certificate and its key as PEM files: the certificate readable, the key 0600 from its creation.</summary>
public static class ClusterCertificateFiles
{
    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <param name="readableKey">0644 instead of 0600, for a key that a container mounts with this file's owner and mode.</param>
    public static void Write(X509Certificate2 certificate, string certificatePath, string privateKeyPath, bool readableKey = false)
    {
        var key = (System.Security.Cryptography.AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() ?? certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException("The certificate has no private key to write.");
        using (key)
        {
            WriteFile(privateKeyPath, key.ExportPkcs8PrivateKeyPem(), readableKey ? Readable : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        WriteFile(certificatePath, certificate.ExportCertificatePem() + "\n", Readable);
    }

    private static void WriteFile(string path, string text, UnixFileMode mode)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.Delete(temporary);
        using (var stream = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
