using System.Net.Http.Json;

namespace SkillsOrleans.CrashHarness;

/// <summary>
/// The tenants, made through the API as a platform admin: each account with its owner (the runtime binds itself when
/// its host starts), and, once the hosts run, every credential asked for by an agent's request file.
/// </summary>
public static class TenantSetup
{
    public const string PlatformAdmin = "platform-admin";

    public static async Task CreateAccountsAsync(ApiPair apis, IReadOnlyList<TenantPlan> tenants)
    {
        foreach (var tenant in tenants)
        {
            var answer = await apis.SendAsync(PlatformAdmin, () => new HttpRequestMessage(HttpMethod.Post, "/api/platform/accounts")
            {
                Content = JsonContent.Create(new { accountId = tenant.AccountId, displayName = tenant.AccountId, ownerSubject = tenant.Owner }),
            });
            if (answer.Status is not (201 or 200))
            {
                throw new InvalidOperationException($"Creating account {tenant.AccountId} answered {answer}: {answer.Body}");
            }
        }
    }

    /// <summary>Drops a request file for every credential and waits until each is listed pending.</summary>
    public static async Task RequestAllAsync(ApiPair apis, StackProcesses stack, IReadOnlyList<CredentialTrack> tracks, TimeSpan timeout)
    {
        foreach (var track in tracks)
        {
            stack.Hosts[track.Tenant.RuntimeId].WriteRequest(track.Skill.SkillKey, track.KeyName, "first request of the crash run");
        }

        var deadline = DateTimeOffset.UtcNow + timeout;
        foreach (var group in tracks.GroupBy(track => track.Tenant))
        {
            while (true)
            {
                var listing = await CredentialListing.ReadAsync(apis, group.Key);
                if (listing is not null && group.All(track => listing.TryGetValue(track.Ref, out var listed) && listed.Status == "pending"))
                {
                    break;
                }

                if (DateTimeOffset.UtcNow > deadline)
                {
                    throw new TimeoutException($"The request files of {group.Key.AccountId} did not all become pending credentials within {timeout}.");
                }

                await Task.Delay(500);
            }
        }

        foreach (var track in tracks)
        {
            var request = new OperationRecord(OperationKind.Request, null, 0) { Outcome = OperationOutcome.Acknowledged, AckStatus = "pending", AckVersion = 0 };
            track.Operations.Add(request);
            track.BelievedStatus = "pending";
            track.BelievedVersion = 0;
        }
    }
}
