using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;

namespace SkillsOrleans.Sealing;

/// <summary>
/// Unpadded base64url (RFC 4648 §5) with exactly one accepted spelling per byte string: no padding, no whitespace,
/// no stray trailing bits. One spelling per value means a nonce cannot be replayed under a different text.
/// </summary>
public static class Base64UrlCanonical
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    public static bool TryDecode(string? text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text is null || text.Length % 4 == 1 || !text.All(IsAlphabet))
        {
            return false;
        }

        var buffer = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (Base64Url.DecodeFromChars(text, buffer, out _, out var written) != OperationStatus.Done)
        {
            return false;
        }

        var decoded = buffer.AsSpan(0, written).ToArray();
        if (!string.Equals(Base64Url.EncodeToString(decoded), text, StringComparison.Ordinal))
        {
            return false;
        }

        bytes = decoded;
        return true;
    }

    private static bool IsAlphabet(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';
}
