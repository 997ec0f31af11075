namespace SkillsOrleans.Sealing;

/// <summary>
/// A sealed secret was refused where it was read or opened. The message names the reason and header fields only,
/// never the plaintext or the ciphertext. This library knows nothing of grain calls: the runtime grain hands a refusal
/// on to its caller as the contracts' <c>SealedSecretRejectedException</c>, with the same reason and message.
/// </summary>
public sealed class SealedSecretRefusedException(SealedSecretRejection reason, string message) : Exception(message)
{
    public SealedSecretRejection Reason { get; } = reason;
}
