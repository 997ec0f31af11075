using SkillsOrleans.Sealing;

namespace SkillsOrleans.Contracts.Sealing;

/// <summary>
/// A sealed secret was refused. The message names the reason and header fields only, never the plaintext or the
/// ciphertext, so it is safe to log and to return to an admin.
/// </summary>
[GenerateSerializer, Alias("skillsorleans.sealed-secret-rejected")]
public sealed class SealedSecretRejectedException : Exception
{
    public SealedSecretRejectedException(SealedSecretRejection reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    [Id(0)] public SealedSecretRejection Reason { get; }

    /// <summary>The refusal of the Sealing library (or the runtime host's opener) as it crosses a grain call.</summary>
    public static SealedSecretRejectedException From(SealedSecretRefusedException refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        return new SealedSecretRejectedException(refused.Reason, refused.Message);
    }
}
