using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SkillsOrleans.Api.Accounts;
using SkillsOrleans.Api.Listings;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Model.Skills;

namespace SkillsOrleans.Api.Skills;

/// <summary>
/// <c>GET /api/accounts/{account}/skills</c>: the skills the account's runtimes published (metadata only), each key
/// they need joined with its credential's status, so a page can say "needs TRELLO_API_KEY (pending)".
/// </summary>
public static class SkillsApi
{
    /// <summary>The status of a key no agent has asked for yet.</summary>
    public const string NotRequested = "not-requested";

    public static RouteHandlerBuilder MapSkillsApi(this RouteGroupBuilder account) =>
        account.MapGet("/skills", ListAsync).WithName("ListSkills")
            .WithSummary("The skills the account's runtimes published, with each key's credential status")
            .Produces<IReadOnlyList<SkillListing>>(StatusCodes.Status200OK, "application/json");

    /// <summary>
    /// Answers the listing as JSON kept from the last read with the same tags: an unchanged listing of 1,000 skills is
    /// neither joined nor serialized again, only sent.
    /// </summary>
    private static async Task<IResult> ListAsync(AccountCaller caller, AccountListingReads reads, IOptions<JsonOptions> json)
    {
        var account = caller.AccountId;
        var catalogReads = reads.CatalogsAsync(account, caller.Account.Runtimes.Select(r => r.RuntimeId));
        var credentials = await reads.CredentialsAsync(account);
        var catalogs = await catalogReads;
        // Rebuilt only when the index or a catalog moved.
        var listing = reads.Derived(
            new SkillListingKey(account),
            $"{credentials.Tag} {catalogs.Tag}",
            () => Serialized(Build(account, catalogs.Value, credentials.Value), json.Value.SerializerOptions),
            serialized => serialized.Skills);
        return TypedResults.Bytes(listing.Utf8Json, "application/json; charset=utf-8");
    }

    private static SerializedListing Serialized(IReadOnlyList<SkillListing> listing, JsonSerializerOptions options) =>
        new(JsonSerializer.SerializeToUtf8Bytes(listing, options), listing.Count);

    private sealed record SerializedListing(byte[] Utf8Json, int Skills);

    private static IReadOnlyList<SkillListing> Build(string account, IReadOnlyList<SkillCatalog> catalogs, IReadOnlyList<CredentialSnapshot> index)
    {
        var credentials = index.ToDictionary(c => c.CredentialRef, StringComparer.Ordinal);
        return
        [
            .. catalogs.SelectMany(catalog => catalog.Skills
                .OrderBy(skill => skill.SkillKey, StringComparer.Ordinal)
                .Select(skill => Listing(account, catalog, skill, credentials))),
        ];
    }

    private static SkillListing Listing(
        string account, SkillCatalog catalog, SkillManifest skill, Dictionary<string, CredentialSnapshot> credentials) =>
        new(
            catalog.RuntimeId,
            skill.SkillKey,
            skill.Folder,
            skill.Name,
            skill.Description,
            skill.Homepage,
            skill.Emoji,
            skill.PrimaryEnv,
            skill.Requires.Env,
            skill.ParseError,
            catalog.ScannedAt,
            skill.Source,
            [
                .. skill.CredentialKeys().Select(keyName =>
                {
                    var credentialRef = $"{account}/{catalog.RuntimeId}/{skill.SkillKey}/{keyName}";
                    return credentials.TryGetValue(credentialRef, out var credential)
                        ? new SkillKeyStatus(keyName, credentialRef, credential.Status.ToString().ToLowerInvariant(), credential.Version, credential.NextVersion())
                        : new SkillKeyStatus(keyName, credentialRef, NotRequested, null, null);
                }),
            ]);
}

/// <summary>Where the API keeps an account's last skill listing.</summary>
internal readonly record struct SkillListingKey(string AccountId);

/// <summary>
/// One skill of one runtime, as its SKILL.md describes it; <c>parseError</c> is set for a broken one. <c>source</c> says
/// where OpenClaw loads it from, as <c>openclaw skills list</c> does (<c>openclaw-workspace</c>, <c>agents-skills-project</c>,
/// <c>openclaw-managed</c>, <c>openclaw-bundled</c>).
/// </summary>
public sealed record SkillListing(
    string Runtime,
    string SkillKey,
    string Folder,
    string? Name,
    string? Description,
    string? Homepage,
    string? Emoji,
    string? PrimaryEnv,
    IReadOnlyList<string> RequiredEnv,
    string? ParseError,
    DateTimeOffset ScannedAt,
    string Source,
    IReadOnlyList<SkillKeyStatus> Keys);

/// <summary>
/// A key a skill needs (a required env or its primary env) and where its credential stands: <c>not-requested</c>,
/// <c>pending</c>, <c>active</c>, <c>revoked</c> or <c>declined</c>, with the credential's version once requested and the version the
/// next delivery of a value creates (what a value is sealed for).
/// </summary>
public sealed record SkillKeyStatus(string KeyName, string CredentialRef, string Status, int? Version, int? NextVersion);
