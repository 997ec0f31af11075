namespace SkillsOrleans.Grains.Webhooks;

/// <summary>What makes a URL one webhooks may be sent to, and how it is shown without what its path or query may hold.</summary>
public static class WebhookTarget
{
    public const int MaxUrlLength = 2048;

    /// <summary>The URL as it will be used.</summary>
    /// <exception cref="ArgumentException">Not absolute, not https (nor http where allowed), with user info, or too long.</exception>
    public static Uri Parse(string? url, bool allowHttp)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"A webhook URL is an absolute URL of at most {MaxUrlLength} characters.", nameof(url));
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(allowHttp && uri.Scheme == Uri.UriSchemeHttp))
        {
            throw new ArgumentException(allowHttp ? "A webhook URL is http:// or https://." : "A webhook URL is https://.", nameof(url));
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new ArgumentException("A webhook URL carries no user name, password or fragment.", nameof(url));
        }

        return uri;
    }

    /// <summary>Scheme, host and port: what status, logs and the audit trail show of a URL.</summary>
    public static string Redacted(Uri uri) => uri.GetLeftPart(UriPartial.Authority);
}
