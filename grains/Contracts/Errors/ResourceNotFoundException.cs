namespace SkillsOrleans.Contracts.Errors;

/// <summary>
/// Something asked for does not exist for this caller: an unknown account or credential, or one that belongs to
/// another tenant. Both read the same so that a refusal never confirms that another tenant's resource exists.
/// The API answers 404.
/// </summary>
[GenerateSerializer, Alias("skillsorleans.resource-not-found")]
public sealed class ResourceNotFoundException : Exception
{
    public ResourceNotFoundException(string resourceKind, string resourceId)
        : base($"No {resourceKind} '{resourceId}' here.")
    {
        ResourceKind = resourceKind;
        ResourceId = resourceId;
    }

    [Id(0)] public string ResourceKind { get; }

    [Id(1)] public string ResourceId { get; }
}
