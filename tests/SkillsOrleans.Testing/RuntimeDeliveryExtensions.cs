using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Sealing;

namespace SkillsOrleans.Testing;

/// <summary>
/// Tests that exercise the runtime host on its own deliver in one step what the CredentialGrain does in two
/// (prepare, audit, commit); the audit step is covered by the credential tests.
/// </summary>
public static class RuntimeDeliveryExtensions
{
    public static async Task<SecretDelivery> DeliverAsync(this IRuntimeGrain runtime, CredentialRef credentialRef, int version, SealedSecretEnvelope envelope)
    {
        await runtime.PrepareDeliveryAsync(credentialRef, version, envelope);
        return await runtime.CommitDeliveryAsync(credentialRef, version);
    }
}
