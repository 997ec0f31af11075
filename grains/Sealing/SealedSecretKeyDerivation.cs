using System.Security.Cryptography;
using System.Text;

namespace SkillsOrleans.Sealing;

/// <summary>
/// AES key = HKDF-SHA256(ikm = ECDH shared X coordinate, salt = nonce bytes, info = UTF-8 label), 32 bytes.
/// The nonce as salt gives every envelope its own key even if an ephemeral key were ever reused.
/// </summary>
public static class SealedSecretKeyDerivation
{
    private static readonly byte[] Info = Encoding.UTF8.GetBytes(SealedSecretFormat.KeyDerivationLabel);

    public static byte[] DeriveKey(ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<byte> nonce)
    {
        var key = new byte[SealedSecretFormat.KeyBytes];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, key, nonce, Info);
        return key;
    }
}
