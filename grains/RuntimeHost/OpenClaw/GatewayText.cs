namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// Turns text that came from the gateway (error codes, messages, close reasons) into something safe to put in an
/// exception or a log: the token replaced wherever it appears, control characters replaced, length bounded.
/// </summary>
internal sealed class GatewayText(string? token)
{
    private const int MaxLength = 200;

    public string Safe(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var text = string.IsNullOrEmpty(token) ? value : value.Replace(token, "[redacted]", StringComparison.Ordinal);
        if (text.Length > MaxLength)
        {
            text = text[..MaxLength] + "…";
        }

        return new string([.. text.Select(c => char.IsControl(c) ? '?' : c)]);
    }
}
