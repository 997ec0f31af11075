using System.Text.Json;

namespace SkillsOrleans.CrashHarness;

/// <summary>A credential as <c>GET /api/accounts/{account}/credentials</c> lists it.</summary>
public sealed record ListedCredential(string Status, int Version);

/// <summary>Reads an account's credential listing through either API, as its owner.</summary>
public static class CredentialListing
{
    /// <summary>Status and version by credential ref, or null when no API answered.</summary>
    public static async Task<IReadOnlyDictionary<string, ListedCredential>?> ReadAsync(ApiPair apis, TenantPlan tenant)
    {
        var answer = await apis.SendAsync(tenant.Owner, () => new HttpRequestMessage(HttpMethod.Get, $"/api/accounts/{tenant.AccountId}/credentials"));
        if (!answer.IsSuccess)
        {
            return null;
        }

        using var document = JsonDocument.Parse(answer.Body);
        return document.RootElement.EnumerateArray().ToDictionary(
            item => item.GetProperty("credentialRef").GetString()!,
            item => new ListedCredential(item.GetProperty("status").GetString()!, item.GetProperty("version").GetInt32()),
            StringComparer.Ordinal);
    }
}
