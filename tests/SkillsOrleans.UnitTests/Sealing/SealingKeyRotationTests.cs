using Microsoft.Extensions.Logging.Abstractions;
using SkillsOrleans.RuntimeHost.Sealing;
using SkillsOrleans.Sealing;

namespace SkillsOrleans.UnitTests.Sealing;

/// <summary>
/// Rotating a host's sealing key: a staged key becomes current at the next start, and the old key opens only
/// envelopes that could have been sealed before that start, for at most their longest lifetime.
/// </summary>
public sealed class SealingKeyRotationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "skillsorleans-rotation-" + Guid.NewGuid().ToString("N"));
    private readonly ManualClock _clock = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

    private string KeyPath => Path.Combine(_directory, "keys", "sealing-key.pem");

    private RuntimeSealingKey Start() => RuntimeSealingKey.LoadOrCreate(KeyPath, NullLogger.Instance, _clock);

    private SealedSecretEnvelope SealTo(RuntimeSealingKey key) => SecretSealer.Seal(
        key.SubjectPublicKeyInfo.Span, key.Fingerprint, SealingTestHost.RuntimeId, SealingTestHost.Ref.ToString(), 3,
        _clock.GetUtcNow().ToUnixTimeSeconds() + 300, SealingTestHost.Canary);

    private SealedSecretOpener OpenerAfterStart(RuntimeSealingKey current) => new(
        current, SealingTestHost.RuntimeId, new SeenNonceCache(), _clock, NullLogger<SealedSecretOpener>.Instance,
        RetiredSealingKey.LoadIfStillAccepted(KeyPath, _clock, NullLogger.Instance));

    [Fact]
    public void A_staged_key_becomes_current_at_the_next_start_and_the_old_key_is_kept_private_beside_it()
    {
        string oldKid;
        using (var first = Start())
        {
            oldKid = first.Fingerprint;
        }

        var staged = RuntimeSealingKey.StageReplacement(KeyPath);
        using var second = Start();

        Assert.NotEqual(oldKid, staged);
        Assert.Equal(staged, second.Fingerprint);
        Assert.False(File.Exists(RuntimeSealingKey.StagedPath(KeyPath)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(RetiredSealingKey.PathFor(KeyPath)));
        using var retired = RetiredSealingKey.LoadIfStillAccepted(KeyPath, _clock, NullLogger.Instance);
        Assert.Equal(oldKid, retired!.Key.Fingerprint);
    }

    [Fact]
    public void An_envelope_sealed_to_the_old_key_opens_during_its_lifetime_and_the_old_key_is_gone_after_it()
    {
        using var first = Start();
        var sealedBefore = SealTo(first);
        RuntimeSealingKey.StageReplacement(KeyPath);
        using var second = Start();

        using (var opened = OpenerAfterStart(second).Open(sealedBefore, SealingTestHost.Ref, 3))
        {
            Assert.Equal(SealingTestHost.Canary, opened.ToPlaintextString());
        }

        _clock.Advance(SealedSecretFormat.MaxLifetime + TimeSpan.FromSeconds(1));
        var sealedLate = SealTo(first);
        var refused = Assert.Throws<SealedSecretRefusedException>(() => OpenerAfterStart(second).Open(sealedLate, SealingTestHost.Ref, 3));

        Assert.Equal(SealedSecretRejection.WrongKey, refused.Reason);
        Assert.False(File.Exists(RetiredSealingKey.PathFor(KeyPath)));
    }

    [Fact]
    public void Without_a_rotation_an_envelope_for_another_key_is_still_refused()
    {
        using var current = Start();
        using var stranger = RuntimeSealingKey.LoadOrCreate(Path.Combine(_directory, "other", "key.pem"), NullLogger.Instance);

        var refused = Assert.Throws<SealedSecretRefusedException>(() => OpenerAfterStart(current).Open(SealTo(stranger), SealingTestHost.Ref, 3));

        Assert.Equal(SealedSecretRejection.WrongKey, refused.Reason);
    }

    [Fact]
    public void Rotating_before_any_key_exists_is_refused_and_stages_nothing()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RuntimeSealingKey.StageReplacement(KeyPath));

        Assert.Contains("no sealing key", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(RuntimeSealingKey.StagedPath(KeyPath)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
