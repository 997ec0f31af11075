using System.Security.Cryptography;

namespace SkillsOrleans.CrashHarness;

/// <summary>
/// The development token issuer's signing key, written once (0600) before either API starts. Both APIs are given
/// this file and the same issuer name and authorized party, so a token either one mints validates on the other.
/// </summary>
public static class DevIssuerKey
{
    public static string Create(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "signing-key.pem");
        using var rsa = RSA.Create(2048);
        using var writer = new StreamWriter(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        writer.Write(rsa.ExportPkcs8PrivateKeyPem());
        return path;
    }
}
