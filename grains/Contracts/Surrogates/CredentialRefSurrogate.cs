using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Contracts.Surrogates;

/// <summary>The wire form of <see cref="CredentialRef"/> in grain calls (the Model library carries no Orleans attributes).</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.credential-ref")]
public readonly record struct CredentialRefSurrogate(
    [property: Id(0)] string Account,
    [property: Id(1)] string Runtime,
    [property: Id(2)] string SkillKey,
    [property: Id(3)] string KeyName);

[RegisterConverter]
public sealed class CredentialRefConverter : IConverter<CredentialRef, CredentialRefSurrogate>
{
    /// <summary>Checks the grammar again, as the constructor does; an empty ref stays the default value.</summary>
    public CredentialRef ConvertFromSurrogate(in CredentialRefSurrogate surrogate) =>
        surrogate.Account is null ? default : new CredentialRef(surrogate.Account, surrogate.Runtime, surrogate.SkillKey, surrogate.KeyName);

    public CredentialRefSurrogate ConvertToSurrogate(in CredentialRef value) =>
        new(value.Account, value.Runtime, value.SkillKey, value.KeyName);
}
