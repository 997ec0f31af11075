using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SkillsOrleans.Api.Accounts;
using SkillsOrleans.Api.Credentials;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Events;

namespace SkillsOrleans.Api.Activity;

/// <summary>
/// <c>GET /api/accounts/{account}/events</c>: an account's changes as server-sent events, for members. Events are
/// live only (never replayed): a client that (re)connects reads the listings, then applies events. Each heartbeat
/// re-checks the caller's membership, so a removed member's stream ends within one interval.
/// </summary>
public static class AccountEventsApi
{
    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(15);

    public static RouteHandlerBuilder MapAccountEventsApi(this RouteGroupBuilder account)
    {
        var heartbeat = ((IEndpointRouteBuilder)account).ServiceProvider.GetRequiredService<IConfiguration>().GetValue("Events:HeartbeatInterval", DefaultHeartbeatInterval);
        return account.MapGet("/events", (AccountCaller caller, ClaimsPrincipal user, CallerAccess access, IClusterClient cluster, TimeProvider clock, HttpContext http) =>
                SubscribeAsync(caller.AccountId, heartbeat, user, access, cluster, clock, http))
            .WithName("StreamAccountEvents")
            .WithSummary("Live changes of the account as server-sent events")
            .WithDescription("Event names: credential, skills, account, activity, ping (heartbeat), resync (events were dropped: re-read the listings).");
    }

    private static async Task<ServerSentEventsResult<object>> SubscribeAsync(
        string account, TimeSpan heartbeat, ClaimsPrincipal user, CallerAccess access, IClusterClient cluster, TimeProvider clock, HttpContext http)
    {
        var feed = await AccountEventFeed.SubscribeAsync(cluster, account);
        return TypedResults.ServerSentEvents(RelayAsync(feed, account, heartbeat, user, access, clock, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<object>> RelayAsync(
        AccountEventFeed feed, string account, TimeSpan heartbeat, ClaimsPrincipal user, CallerAccess access, TimeProvider clock,
        [EnumeratorCancellation] CancellationToken aborted)
    {
        await using var subscription = feed;
        yield return Ping(clock);
        while (!aborted.IsCancellationRequested)
        {
            var next = await NextAsync(feed, heartbeat, aborted);
            if (next is null)
            {
                if (aborted.IsCancellationRequested || !await StillMemberAsync(access, user, account))
                {
                    yield break;
                }

                yield return Ping(clock);
                continue;
            }

            if (feed.TakeOverflow())
            {
                yield return new SseItem<object>(new { at = clock.GetUtcNow() }, "resync");
                continue;
            }

            yield return ToItem(next);
        }
    }

    /// <summary>The next event, or null when a heartbeat is due (or the client went away).</summary>
    private static async Task<AccountEvent?> NextAsync(AccountEventFeed feed, TimeSpan heartbeat, CancellationToken aborted)
    {
        using var due = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        due.CancelAfter(heartbeat);
        try
        {
            return await feed.Events.ReadAsync(due.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static async Task<bool> StillMemberAsync(CallerAccess access, ClaimsPrincipal user, string account)
    {
        try
        {
            await access.RequireAsync(user, account, AccessRequirement.Member);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

    private static SseItem<object> Ping(TimeProvider clock) => new(new { at = clock.GetUtcNow() }, "ping");

    private static SseItem<object> ToItem(AccountEvent notice) => notice.Kind switch
    {
        AccountEventKind.Credential when notice.Credential is { } credential =>
            new(CredentialView.From(credential), "credential"),
        AccountEventKind.Activity when notice.Activity is { } entry =>
            new(ActivityEntryView.From(entry), "activity") { EventId = entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        AccountEventKind.Skills => new(new { runtimeId = notice.RuntimeId, skillCount = notice.SkillCount, at = notice.At }, "skills"),
        _ => new(new { runtimeId = notice.RuntimeId, at = notice.At }, "account"),
    };
}
