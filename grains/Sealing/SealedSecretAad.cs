using System.Globalization;
using System.Text;

namespace SkillsOrleans.Sealing;

/// <summary>
/// The additional authenticated data of an envelope: its header fields as UTF-8, joined with '\n' (no trailing
/// newline) in this order: format, kid, epk, runtimeId, credentialRef, version, expiresAt, nonce. Numbers are
/// plain decimal (JavaScript's <c>String(n)</c>). The opener validates each field's grammar first, and none of
/// those grammars allows '\n', so the joined text names exactly one header.
/// </summary>
public static class SealedSecretAad
{
    public static byte[] For(SealedSecretEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var text = string.Join(
            '\n',
            envelope.Format.ToString(CultureInfo.InvariantCulture),
            envelope.Kid,
            envelope.Epk,
            envelope.RuntimeId,
            envelope.CredentialRef,
            envelope.Version.ToString(CultureInfo.InvariantCulture),
            envelope.ExpiresAt.ToString(CultureInfo.InvariantCulture),
            envelope.Nonce);
        return Encoding.UTF8.GetBytes(text);
    }
}
