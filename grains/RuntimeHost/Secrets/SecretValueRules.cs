using System.Text;

namespace SkillsOrleans.RuntimeHost.Secrets;

/// <summary>
/// What a secret value may be: non-empty text of at most 16 KiB (UTF-8), without NUL or control characters other
/// than line feed, carriage return and tab, so a PEM key fits but nothing that could corrupt a consumer's parsing.
/// Problems are described without quoting the value.
/// </summary>
internal static class SecretValueRules
{
    public const int MaxUtf8Bytes = 16 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Why the value is not acceptable, or null when it is.</summary>
    public static string? Problem(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "is empty";
        }

        // Every char takes at least one UTF-8 byte, so this bounds the work below.
        if (value.Length > MaxUtf8Bytes)
        {
            return $"is longer than {MaxUtf8Bytes} bytes";
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                return "contains a control character (only line feed, carriage return and tab are allowed)";
            }
        }

        int byteCount;
        try
        {
            byteCount = StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException)
        {
            return "is not valid Unicode text (it has an unpaired surrogate)";
        }

        return byteCount > MaxUtf8Bytes ? $"is longer than {MaxUtf8Bytes} bytes" : null;
    }
}
