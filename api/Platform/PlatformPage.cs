using Microsoft.AspNetCore.WebUtilities;

namespace SkillsOrleans.Api.Platform;

/// <summary>
/// Paging of the platform's lists, ordered by id: <c>?after=&lt;id&gt;&amp;limit=&lt;n&gt;</c> in, the page as a JSON
/// array and, when more follow, <c>Link: &lt;…&gt;; rel="next"</c> out (RFC 8288). The body stays the array it was
/// before lists were paged; a client that follows the link reads them whole.
/// </summary>
public readonly record struct PlatformPage(string? After, int Limit)
{
    public const int MaxLimit = 1000;

    /// <summary>The page asked for, or the problems with the query (<c>after</c> must be an id, <c>limit</c> 1–1000).</summary>
    public static PlatformPage Read(string? after, int? limit, Func<string?, bool> isId, out Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(isId);
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (after is not null && !isId(after))
        {
            errors["after"] = ["after must be the id the previous page ended with"];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}"];
        }

        return new PlatformPage(after, limit ?? MaxLimit);
    }

    /// <summary>Adds the link to the next page when there is one.</summary>
    public void LinkNext(HttpContext context, string? nextAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (nextAfter is null)
        {
            return;
        }

        var next = QueryHelpers.AddQueryString(
            context.Request.PathBase + context.Request.Path,
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["after"] = nextAfter, ["limit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        context.Response.Headers.Append("Link", $"<{next}>; rel=\"next\"");
    }
}
