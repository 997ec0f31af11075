namespace SkillsOrleans.Contracts.Credentials;

/// <summary>A runtime's credentials in the account's index, by status.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.credential-counts")]
public sealed record CredentialCounts(
    [property: Id(0)] int Pending,
    [property: Id(1)] int Active,
    [property: Id(2)] int Revoked,
    [property: Id(3)] int Declined = 0)
{
    public static CredentialCounts None { get; } = new(0, 0, 0, 0);

    public static CredentialCounts Of(IEnumerable<CredentialStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var list = statuses.ToList();
        return new CredentialCounts(
            list.Count(s => s == CredentialStatus.Pending),
            list.Count(s => s == CredentialStatus.Active),
            list.Count(s => s == CredentialStatus.Revoked),
            list.Count(s => s == CredentialStatus.Declined));
    }
}
