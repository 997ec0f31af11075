using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using SkillsOrleans.RuntimeHost.Sealing;
using SkillsOrleans.Sealing;

namespace SkillsOrleans.UnitTests.Sealing;

public sealed class RuntimeSealingKeyTests : IDisposable
{
    private readonly SealingTestHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public void A_new_key_file_is_0600_in_a_0700_directory()
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(host.KeyPath));
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(Path.GetDirectoryName(host.KeyPath)!));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(host.KeyPath), StringComparison.Ordinal);
    }

    [Fact]
    public void Creation_leaves_only_the_key_file_behind()
    {
        Assert.Equal([host.KeyPath], Directory.GetFiles(Path.GetDirectoryName(host.KeyPath)!));
    }

    [Fact]
    public void A_restart_loads_the_same_key()
    {
        using var reloaded = RuntimeSealingKey.LoadOrCreate(host.KeyPath, NullLogger.Instance);

        Assert.Equal(host.Key.Fingerprint, reloaded.Fingerprint);
        Assert.Equal(host.Key.PublicKey, reloaded.PublicKey);
    }

    [Fact]
    public void A_reloaded_key_opens_what_was_sealed_before_the_restart()
    {
        var envelope = host.Seal();
        using var reloaded = RuntimeSealingKey.LoadOrCreate(host.KeyPath, NullLogger.Instance);
        var opener = new SealedSecretOpener(
            reloaded, SealingTestHost.RuntimeId, new SeenNonceCache(), host.Clock, NullLogger<SealedSecretOpener>.Instance);

        using var opened = opener.Open(envelope, SealingTestHost.Ref, 3);

        Assert.Equal(SealingTestHost.Canary, opened.ToPlaintextString());
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupWrite)]
    [InlineData(UnixFileMode.OtherExecute)]
    public void A_key_file_open_to_group_or_others_is_refused(UnixFileMode extra)
    {
        File.SetUnixFileMode(host.KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);

        var error = Assert.Throws<InvalidOperationException>(() => RuntimeSealingKey.LoadOrCreate(host.KeyPath, NullLogger.Instance));

        Assert.Contains("0600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_0644_key_file_is_refused()
    {
        File.SetUnixFileMode(
            host.KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Assert.Throws<InvalidOperationException>(() => RuntimeSealingKey.LoadOrCreate(host.KeyPath, NullLogger.Instance));

        Assert.Contains("644", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_to_a_key_file_is_refused()
    {
        var link = Path.Combine(host.Directory, "link.pem");
        File.CreateSymbolicLink(link, host.KeyPath);

        Assert.Throws<InvalidOperationException>(() => RuntimeSealingKey.LoadOrCreate(link, NullLogger.Instance));
    }

    [Fact]
    public void A_key_file_that_is_not_a_p256_private_key_is_refused()
    {
        var rsaPath = Path.Combine(host.Directory, "rsa.pem");
        using (var rsa = RSA.Create(2048))
        {
            WriteOwnerOnly(rsaPath, rsa.ExportPkcs8PrivateKeyPem());
        }

        var p384Path = Path.Combine(host.Directory, "p384.pem");
        using (var p384 = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384))
        {
            WriteOwnerOnly(p384Path, p384.ExportPkcs8PrivateKeyPem());
        }

        var garbagePath = Path.Combine(host.Directory, "garbage.pem");
        WriteOwnerOnly(garbagePath, "not a key");

        foreach (var path in new[] { rsaPath, p384Path, garbagePath })
        {
            Assert.Throws<InvalidOperationException>(() => RuntimeSealingKey.LoadOrCreate(path, NullLogger.Instance));
        }
    }

    [Fact]
    public void The_public_key_is_published_as_spki_and_jwk_of_the_same_point()
    {
        var published = host.Key.PublicKey;
        var spki = Convert.FromBase64String(published.Spki);

        Assert.Equal(host.Key.SubjectPublicKeyInfo.ToArray(), spki);
        Assert.Equal(SealingKeyFingerprint.Of(spki), published.Kid);
        Assert.True(SealingKeyFingerprint.IsWellFormed(published.Kid));
        Assert.StartsWith("sha256:", published.Kid, StringComparison.Ordinal);
        Assert.Equal(("EC", "P-256"), (published.Jwk.Kty, published.Jwk.Crv));

        using var fromSpki = ECDiffieHellman.Create();
        fromSpki.ImportSubjectPublicKeyInfo(spki, out _);
        var point = fromSpki.ExportParameters(includePrivateParameters: false).Q;
        Assert.Equal(Base64UrlCanonical.Encode(point.X), published.Jwk.X);
        Assert.Equal(Base64UrlCanonical.Encode(point.Y), published.Jwk.Y);
    }

    private static void WriteOwnerOnly(string path, string text)
    {
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }
}
