using Microsoft.Extensions.Logging.Abstractions;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.RuntimeHost.Sealing;
using SkillsOrleans.Sealing;

namespace SkillsOrleans.UnitTests.Sealing;

/// <summary>A runtime host with its own key file in a temporary directory, a fake clock and an opener.</summary>
public sealed class SealingTestHost : IDisposable
{
    public const string RuntimeId = "demo-runtime-1";

    /// <summary>A value that must never show up in an error message.</summary>
    public const string Canary = "sk-canary-7f3e9a1c-do-not-leak";

    public static readonly CredentialRef Ref = CredentialRef.Parse("demo/demo-runtime-1/openai-whisper-api/OPENAI_API_KEY");

    public SealingTestHost(string runtimeId = RuntimeId, int nonceCapacity = SeenNonceCache.DefaultCapacity)
    {
        Directory = Path.Combine(Path.GetTempPath(), "skillsorleans-sealing-" + Guid.NewGuid().ToString("N"));
        KeyPath = Path.Combine(Directory, "keys", "sealing-key.pem");
        Key = RuntimeSealingKey.LoadOrCreate(KeyPath, NullLogger.Instance);
        Clock = new ManualClock(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        Nonces = new SeenNonceCache(nonceCapacity);
        Opener = new SealedSecretOpener(Key, runtimeId, Nonces, Clock, NullLogger<SealedSecretOpener>.Instance);
    }

    public string Directory { get; }

    public string KeyPath { get; }

    public RuntimeSealingKey Key { get; }

    public ManualClock Clock { get; }

    public SeenNonceCache Nonces { get; }

    public SealedSecretOpener Opener { get; }

    public long Now => Clock.GetUtcNow().ToUnixTimeSeconds();

    public SealedSecretEnvelope Seal(
        int version = 3, TimeSpan? expiresIn = null, string plaintext = Canary, CredentialRef? credentialRef = null)
    {
        var target = credentialRef ?? Ref;
        var expiresAt = Now + (long)(expiresIn ?? TimeSpan.FromMinutes(5)).TotalSeconds;
        return SecretSealer.Seal(Key.SubjectPublicKeyInfo.Span, Key.Fingerprint, target.Runtime, target.ToString(), version, expiresAt, plaintext);
    }

    public string OpenText(SealedSecretEnvelope envelope, CredentialRef? expectedRef = null, int expectedVersion = 3)
    {
        using var opened = Opener.Open(envelope, expectedRef ?? Ref, expectedVersion);
        return opened.ToPlaintextString();
    }

    public void Dispose()
    {
        Key.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
