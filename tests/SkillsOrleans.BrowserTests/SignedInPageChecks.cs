namespace SkillsOrleans.BrowserTests;

/// <summary>What every test asks of the page it drove.</summary>
public static class SignedInPageChecks
{
    /// <summary>No uncaught script error and nothing the Content-Security-Policy (or Trusted Types) had to block.</summary>
    public static void AssertNoScriptErrors(this SignedInPage session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Assert.DoesNotContain(session.Console, line =>
            line.StartsWith("pageerror:", StringComparison.Ordinal)
            || line.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
            || line.Contains("Trusted Type", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether a request carried the value anywhere: address, headers or body.</summary>
    public static bool Carries(this SentRequest request, string value)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Url.Contains(value, StringComparison.Ordinal)
            || request.Headers.Values.Any(header => header.Contains(value, StringComparison.Ordinal))
            || (request.Body?.Contains(value, StringComparison.Ordinal) ?? false);
    }
}
