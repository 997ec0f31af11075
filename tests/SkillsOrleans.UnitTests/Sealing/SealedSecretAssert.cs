using SkillsOrleans.Sealing;

namespace SkillsOrleans.UnitTests.Sealing;

internal static class SealedSecretAssert
{
    /// <summary>Opening is refused for <paramref name="reason"/>, and the message gives away neither value nor ciphertext.</summary>
    public static SealedSecretRefusedException Refused(SealedSecretRejection reason, SealedSecretEnvelope envelope, Action open)
    {
        var error = Assert.Throws<SealedSecretRefusedException>(open);
        Assert.Equal(reason, error.Reason);
        Assert.DoesNotContain(SealingTestHost.Canary, error.Message, StringComparison.Ordinal);
        if (envelope.Ciphertext is { Length: > 8 } ciphertext)
        {
            Assert.DoesNotContain(ciphertext, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(ciphertext[..8], error.Message, StringComparison.Ordinal);
        }

        return error;
    }
}
