using Microsoft.IdentityModel.Tokens;

namespace SkillsOrleans.Api.Auth;

/// <summary>The RSA and EC signing keys of one JWKS document, by key id.</summary>
public sealed class SigningKeySnapshot
{
    public static readonly SigningKeySnapshot Empty = new([]);

    private SigningKeySnapshot(IReadOnlyList<SecurityKey> keys) => Keys = keys;

    public IReadOnlyList<SecurityKey> Keys { get; }

    /// <summary>Keys whose use is unset or <c>sig</c>; symmetric (<c>oct</c>) and unknown key types are never taken.</summary>
    public static SigningKeySnapshot From(JsonWebKeySet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return new SigningKeySnapshot([.. set.GetSigningKeys().Where(key => key is RsaSecurityKey or ECDsaSecurityKey or X509SecurityKey)]);
    }

    public bool Contains(string kid) => Keys.Any(key => string.Equals(key.KeyId, kid, StringComparison.Ordinal));

    /// <summary>The keys a token naming <paramref name="kid"/> may be checked against (all of them when it names none).</summary>
    public IEnumerable<SecurityKey> For(string? kid) =>
        kid is null ? Keys : Keys.Where(key => string.Equals(key.KeyId, kid, StringComparison.Ordinal));
}
