namespace SkillsOrleans.CrashHarness;

/// <summary>
/// A platform admin's dashboard session opened on one API opens the dashboard on the other (the session lives in the
/// cluster), while the other API refuses the same request without the cookie.
/// </summary>
public static class DashboardCrossCheck
{
    private const string CookieName = "skillsorleans-dashboard";

    /// <returns>Null when it holds, else what went wrong.</returns>
    public static async Task<string?> RunAsync(ApiPair apis)
    {
        var (opener, other) = (apis.Apis[0], apis.Apis[1]);
        var (status, cookie) = await OpenSessionAsync(apis, opener);
        if (cookie is null)
        {
            return $"POST /dashboard/session on {opener.Name} answered {status} and set no {CookieName} cookie";
        }

        var withCookie = await GetDashboardAsync(apis, other, cookie);
        var without = await GetDashboardAsync(apis, other, null);
        return (withCookie, without) switch
        {
            (200, 401) => null,
            _ => $"GET /dashboard/ on {other.Name}: {withCookie} with the cookie from {opener.Name} (expected 200), {without} without (expected 401)",
        };
    }

    /// <summary>Opens a session as the platform admin; the answer's status and the cookie (name=value) it set.</summary>
    private static async Task<(int Status, string? Cookie)> OpenSessionAsync(ApiPair apis, ClusterNode api)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(api.Url, "/dashboard/session"));
        request.Headers.Authorization = new("Bearer", await apis.TokenAsync(TenantSetup.PlatformAdmin));
        using var response = await apis.Http.SendAsync(request);
        var cookie = response.IsSuccessStatusCode && response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith(CookieName + "=", StringComparison.Ordinal))
            : null;
        return ((int)response.StatusCode, cookie);
    }

    private static async Task<int?> GetDashboardAsync(ApiPair apis, ClusterNode api, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(api.Url, "/dashboard/"));
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        try
        {
            using var response = await apis.Http.SendAsync(request);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
