using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Api.Runtimes;

/// <summary>
/// Runtimes as the account's listing and the platform's fleet view show them: whether each host answers (asked in
/// parallel, each under <see cref="RuntimeCalls.ListingDeadline"/>), its skills and last workspace sync — live from
/// the host when it answers, otherwise from the catalog it last published to its account — its credentials by status
/// (from the account's credential index, so counted while the host is down) and its gateway's last reload.
/// </summary>
public static class RuntimeListings
{
    /// <summary>
    /// The runtimes of one account (or of none: <paramref name="accountId"/> null), in the order given, each with its
    /// binding to that account if the account lists it.
    /// </summary>
    public static async Task<IReadOnlyList<RuntimeListing>> ForAsync(
        IClusterClient cluster, string? accountId, IReadOnlyList<(string RuntimeId, RuntimeBinding? Binding)> runtimes)
    {
        var account = accountId is null || runtimes.Count == 0 ? null : cluster.GetGrain<IAccountGrain>(accountId);
        var credentials = account?.ListCredentialsAsync(null) ?? Task.FromResult<IReadOnlyList<CredentialSnapshot>>([]);
        var catalogs = account is null
            ? Task.FromResult<IReadOnlyList<SkillCatalog>>([])
            : cluster.ReadSkillCatalogsAsync(accountId!, runtimes.Select(r => r.RuntimeId));
        var probes = await Task.WhenAll(runtimes.Select(r => cluster.ProbeAsync(r.RuntimeId, grain => grain.GetHealthAsync())));

        var counts = (await credentials).ToLookup(c => CredentialRef.Parse(c.CredentialRef).Runtime, c => c.Status, StringComparer.Ordinal);
        var published = (await catalogs).ToDictionary(c => c.RuntimeId, StringComparer.Ordinal);
        return [.. runtimes.Select((runtime, i) => Listing(
            runtime.RuntimeId, accountId, runtime.Binding, probes[i].Reachability, probes[i].Answer,
            published.GetValueOrDefault(runtime.RuntimeId), CredentialCounts.Of(counts[runtime.RuntimeId])))];
    }

    private static RuntimeListing Listing(
        string runtimeId, string? accountId, RuntimeBinding? binding, string state, RuntimeHealth? health, SkillCatalog? catalog, CredentialCounts credentials) =>
        health is not null
            ? new RuntimeListing(runtimeId, accountId, binding?.BoundAt, binding?.LastRegisteredAt, health.Runtime.HostName, state,
                health.SkillSync.LastSyncAt, health.SkillSync.Skills, health.SkillSync.BrokenSkills, credentials,
                health.GatewayReload, health.Runtime.RegistrationError)
            : new RuntimeListing(runtimeId, accountId, binding?.BoundAt, binding?.LastRegisteredAt, binding?.HostName, state,
                catalog?.ScannedAt, catalog?.Skills.Count, catalog?.Skills.Count(s => s.ParseError is not null), credentials,
                GatewayReload: null, RegistrationError: null);
}

/// <summary>
/// A runtime as a listing shows it: its account (null: bound to none), when it was bound and last registered (null
/// when the account does not list it, or it never registered), its host's name (the host's own answer while it
/// answers, else the name it registered with), <c>state</c> <c>online</c>, <c>offline</c> or <c>unknown</c> (listed
/// but not answering). <c>LastSyncAt</c>, <c>Skills</c> and <c>BrokenSkills</c> come from the host when it answers,
/// else from the catalog it last published (null if it never published); <c>GatewayReload</c> and
/// <c>RegistrationError</c> only from a host that answers.
/// </summary>
public sealed record RuntimeListing(
    string Runtime,
    string? Account,
    DateTimeOffset? BoundAt,
    DateTimeOffset? LastRegisteredAt,
    string? HostName,
    string State,
    DateTimeOffset? LastSyncAt,
    int? Skills,
    int? BrokenSkills,
    CredentialCounts Credentials,
    GatewayReloadStatus? GatewayReload,
    string? RegistrationError);

/// <summary>A runtime's credentials in the account's index, by status.</summary>
public sealed record CredentialCounts(int Pending, int Active, int Revoked)
{
    public static CredentialCounts Of(IEnumerable<CredentialStatus> statuses)
    {
        var list = statuses.ToList();
        return new CredentialCounts(
            list.Count(s => s == CredentialStatus.Pending),
            list.Count(s => s == CredentialStatus.Active),
            list.Count(s => s == CredentialStatus.Revoked));
    }
}
