using System.Globalization;
using System.Text;

namespace SkillsOrleans.Contracts.Audit;

/// <summary>
/// Makes a free-text reason safe to store and show: control characters, line and paragraph separators and broken
/// surrogates are dropped (they could forge lines in a log view), and the text is cut to
/// <see cref="MaxLength"/> UTF-16 units without splitting a character. Blank becomes null.
/// </summary>
public static class AuditReasonText
{
    public const int MaxLength = 500;

    public static string? Clean(string? reason)
    {
        if (reason is null)
        {
            return null;
        }

        var kept = new StringBuilder(Math.Min(reason.Length, MaxLength));
        var rest = reason.AsSpan();
        while (!rest.IsEmpty)
        {
            var status = Rune.DecodeFromUtf16(rest, out var rune, out var consumed);
            rest = rest[consumed..];
            if (status != System.Buffers.OperationStatus.Done || IsDropped(rune))
            {
                continue;
            }

            if (kept.Length + rune.Utf16SequenceLength > MaxLength)
            {
                break;
            }

            kept.Append(rune.ToString());
        }

        var cleaned = kept.ToString().Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }

    private static bool IsDropped(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
