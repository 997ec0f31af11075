using SkillsOrleans.Api.Accounts;
using SkillsOrleans.Api.Runtimes;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Sealing;

namespace SkillsOrleans.Api.Credentials;

/// <summary>
/// Hands an admin's value to the credential's grain, which orders it, has the runtime host store it and records it.
/// A sealed value costs one cluster call; plaintext is first sealed here to the runtime host's key for the version the
/// delivery will create, so the value crosses the cluster only as ciphertext.
/// </summary>
public sealed class CredentialDelivery(IClusterClient cluster, RuntimeSealingKeys sealingKeys, TimeProvider clock)
{
    /// <summary>How long a server-sealed envelope is valid: only for the hop from this API to the runtime host.</summary>
    private static readonly TimeSpan ServerSealLifetime = TimeSpan.FromMinutes(2);

    public async Task<CredentialSubmissionResponse> SubmitAsync(
        CallerAccount caller, CredentialRef credentialRef, CredentialValue value, string? idempotencyKey = null)
    {
        var credential = cluster.GetGrain<ICredentialGrain>(credentialRef.ToString());
        var envelope = value.SealedSecret ?? await SealAsync(caller, credential, credentialRef, value);
        var snapshot = await credential.SubmitAsync(caller.AccountId, new CredentialSubmission(caller.Subject, value.ExpectedVersion, envelope, idempotencyKey));
        return CredentialSubmissionResponse.Of(snapshot);
    }

    /// <summary>
    /// Seals plaintext for the version the delivery will create, as the cluster states it
    /// (<see cref="CredentialSnapshot.NextVersion"/>); a stale expected version is refused by the credential's grain
    /// afterwards. The plaintext is not kept. The host is asked for its key only once the runtime is known to be the
    /// caller's account's (<see cref="RuntimeSealingKeys"/>), so no answer says whether another tenant's host is up.
    /// </summary>
    private async Task<SealedSecretEnvelope> SealAsync(
        CallerAccount caller, ICredentialGrain credential, CredentialRef credentialRef, CredentialValue value)
    {
        var sealingKey = await sealingKeys.GetAsync(caller, credentialRef.Runtime);

        // A credential never requested is refused as such by its grain (409), whatever the envelope names.
        var version = (await credential.GetAsync(caller.AccountId))?.NextVersion() ?? CredentialSnapshot.FirstVersion;
        return SecretSealer.Seal(
            Convert.FromBase64String(sealingKey.Spki), sealingKey.Kid, credentialRef.Runtime, credentialRef.ToString(), version,
            (clock.GetUtcNow() + ServerSealLifetime).ToUnixTimeSeconds(), value.Secret!);
    }
}
