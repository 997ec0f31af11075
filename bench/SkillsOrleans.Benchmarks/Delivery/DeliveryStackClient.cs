using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SkillsOrleans.Benchmarks.Delivery;

/// <summary>
/// The HTTP calls the benchmark makes, as an admin of the seeded account would: a development token, the credential
/// listing and submissions of plaintext keys on the submission route every version of the API serves. Each answer
/// is checked, so a refused or broken call cannot pass for a fast one.
/// </summary>
public sealed class DeliveryStackClient(HttpClient http, string account)
{
    public static async Task<DeliveryStackClient> SignInAsync(Uri api, string account, string subject)
    {
        var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(60) };
        var token = await http.GetFromJsonAsync<JsonElement>($"/dev/token?sub={Uri.EscapeDataString(subject)}");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return new DeliveryStackClient(http, account);
    }

    /// <summary>The account's credentials: ref → (status, version).</summary>
    public async Task<Dictionary<string, (string Status, int Version)>> ListCredentialsAsync()
    {
        var credentials = await http.GetFromJsonAsync<JsonElement>($"/api/accounts/{account}/credentials");
        return credentials.EnumerateArray().ToDictionary(
            c => c.GetProperty("credentialRef").GetString()!,
            c => (c.GetProperty("status").GetString()!, c.GetProperty("version").GetInt32()),
            StringComparer.Ordinal);
    }

    /// <summary>The skill keys the account's runtimes published.</summary>
    public async Task<HashSet<string>> ListSkillKeysAsync()
    {
        var skills = await http.GetFromJsonAsync<JsonElement>($"/api/accounts/{account}/skills");
        return skills.EnumerateArray().Select(s => s.GetProperty("skillKey").GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Delivers a value; returns the version the API answered, which must be the expected one + 1.</summary>
    public async Task<int> SubmitAsync(string credentialRef, int expectedVersion, string secret)
    {
        using var response = await http.PostAsJsonAsync(
            "/admin/skills/credentials", new { accountId = account, credentialRef, secret, expectedVersion });
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException(
                $"Submitting {credentialRef} at version {expectedVersion} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        var version = answer.GetProperty("version").GetInt32();
        return version == expectedVersion + 1 && answer.GetProperty("status").GetString() == "active"
            ? version
            : throw new InvalidOperationException($"Submitting {credentialRef} at version {expectedVersion} answered version {version}.");
    }
}
