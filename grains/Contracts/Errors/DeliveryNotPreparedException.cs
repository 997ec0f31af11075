namespace SkillsOrleans.Contracts.Errors;

/// <summary>
/// A commit named a delivery the runtime host does not hold (it expired, was abandoned, or the host restarted in
/// between). Nothing was stored; submitting again is safe.
/// </summary>
[GenerateSerializer, Alias("skillsorleans.delivery-not-prepared")]
public sealed class DeliveryNotPreparedException : Exception
{
    public DeliveryNotPreparedException(string credentialRef, int version)
        : base($"The runtime host holds no prepared value for {credentialRef} version {version}; nothing was stored, submit again.")
    {
        CredentialRef = credentialRef;
        Version = version;
    }

    [Id(0)] public string CredentialRef { get; }

    [Id(1)] public int Version { get; }
}
