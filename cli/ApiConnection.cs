using System.Net.Http.Headers;

namespace SkillsOrleans.Cli;

/// <summary>
/// Where the API is and who is calling: <c>--api</c> or <c>SKILLSORLEANS_API_URL</c> (default
/// <c>http://127.0.0.1:5080</c>), and a JWT from <c>--token-file</c> or <c>SKILLSORLEANS_TOKEN</c>. The token never
/// comes as a plain argument, where <c>ps</c> and shell history would keep it.
/// </summary>
public static class ApiConnection
{
    public const string DefaultApi = "http://127.0.0.1:5080";

    public static HttpClient FromEnvironment(Uri? api, FileInfo? tokenFile)
    {
        var token = tokenFile is not null
            ? File.ReadAllText(tokenFile.FullName).Trim()
            : Environment.GetEnvironmentVariable("SKILLSORLEANS_TOKEN")?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            throw new OperatorException("no token: set SKILLSORLEANS_TOKEN or pass --token-file (a platform admin's or account admin's JWT)");
        }

        var baseAddress = api ?? new Uri(Environment.GetEnvironmentVariable("SKILLSORLEANS_API_URL") is { Length: > 0 } url ? url : DefaultApi);
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}

/// <summary>A failure to report to the operator as it is, without a stack trace.</summary>
public sealed class OperatorException(string message) : Exception(message);
