using System.Net;
using System.Text.Json;

namespace SkillsOrleans.ClusterTests;

/// <summary>Assertions on RFC 9457 problem responses.</summary>
internal static class ProblemAssert
{
    /// <summary>The response has this status and is a problem document; returns the document.</summary>
    public static async Task<JsonElement> IsAsync(HttpStatusCode status, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }

    /// <summary>
    /// A refusal reads exactly like the 404 for something that does not exist: same status, title and wording,
    /// the id asked for being the only difference.
    /// </summary>
    public static async Task SameAsUnknownAsync(HttpResponseMessage refused, string id, HttpResponseMessage unknown, string unknownId)
    {
        var refusal = await IsAsync(HttpStatusCode.NotFound, refused);
        var baseline = await IsAsync(HttpStatusCode.NotFound, unknown);
        Assert.Equal(baseline.GetProperty("title").GetString(), refusal.GetProperty("title").GetString());
        Assert.Equal(
            baseline.GetProperty("detail").GetString()!.Replace(unknownId, id, StringComparison.Ordinal),
            refusal.GetProperty("detail").GetString());
        Assert.Equal(
            baseline.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal),
            refusal.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }
}
