using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Identifiers;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Contracts.Skills;

namespace SkillsOrleans.Api.Runtimes;

/// <summary>
/// What the runtime listings say about each runtime beyond its binding: whether its host answers (asked in parallel,
/// each under <see cref="RuntimeCalls.ListingDeadline"/>), its skills and last workspace sync — live from the host
/// when it answers, otherwise from the catalog it last published to its account — its credentials by status (from
/// the account's credential index, so counted while the host is down) and its gateway's last reload.
/// </summary>
public static class RuntimeReports
{
    /// <summary>Reports for runtimes of one account (or of none: <paramref name="accountId"/> null), keyed by runtime id.</summary>
    public static async Task<IReadOnlyDictionary<string, RuntimeReport>> ForAsync(
        IClusterClient cluster, string? accountId, IEnumerable<string> runtimeIds)
    {
        var ids = runtimeIds.Distinct(StringComparer.Ordinal).ToList();
        var account = accountId is null ? null : cluster.GetGrain<IAccountGrain>(accountId);
        var credentials = account is null || ids.Count == 0 ? Task.FromResult<IReadOnlyList<CredentialSnapshot>>([]) : account.ListCredentialsAsync(null);
        var catalogs = account is null || ids.Count == 0 ? Task.FromResult<IReadOnlyList<SkillCatalog>>([]) : account.ListSkillCatalogsAsync();
        var probes = await Task.WhenAll(ids.Select(async id => (Id: id, Probe: await cluster.ProbeAsync(id, grain => grain.GetHealthAsync()))));

        var counts = (await credentials).ToLookup(c => CredentialRef.Parse(c.CredentialRef).Runtime, c => c.Status, StringComparer.Ordinal);
        var published = (await catalogs).ToDictionary(c => c.RuntimeId, StringComparer.Ordinal);
        return probes.ToDictionary(
            p => p.Id,
            p => Report(p.Probe.Reachability, p.Probe.Answer, published.GetValueOrDefault(p.Id), CredentialCounts.Of(counts[p.Id])),
            StringComparer.Ordinal);
    }

    private static RuntimeReport Report(string state, RuntimeHealth? health, SkillCatalog? catalog, CredentialCounts credentials) =>
        health is not null
            ? new RuntimeReport(state, health.SkillSync.LastSyncAt, health.SkillSync.Skills, health.SkillSync.BrokenSkills,
                credentials, health.GatewayReload, health.Runtime.RegistrationError, health.Runtime.HostName)
            : new RuntimeReport(state, catalog?.ScannedAt, catalog?.Skills.Count, catalog?.Skills.Count(s => s.ParseError is not null),
                credentials, GatewayReload: null, RegistrationError: null, HostName: null);
}

/// <summary>
/// One runtime as a listing reports it. <c>LastSyncAt</c>, <c>Skills</c> and <c>BrokenSkills</c> come from the host
/// when it answers, else from the catalog it last published (null if it never published); <c>GatewayReload</c>,
/// <c>RegistrationError</c> and <c>HostName</c> only from a host that answers.
/// </summary>
public sealed record RuntimeReport(
    string State,
    DateTimeOffset? LastSyncAt,
    int? Skills,
    int? BrokenSkills,
    CredentialCounts Credentials,
    GatewayReloadStatus? GatewayReload,
    string? RegistrationError,
    string? HostName);

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
