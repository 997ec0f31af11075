using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SkillsOrleans.Api.Accounts;
using SkillsOrleans.Api.Auth;
using SkillsOrleans.Api.Credentials;
using SkillsOrleans.Api.Errors;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Events;

namespace SkillsOrleans.Api.Activity;

/// <summary>
/// <c>GET /api/accounts/{account}/events</c>: an account's changes as server-sent events, for members. Events are
/// live only (never replayed): a client that (re)connects reads the listings, then applies events. An open stream
/// re-checks the caller's membership every <see cref="EventStreamSettings.RecheckInterval"/>, whether events flow or
/// not, and ends when the caller is no longer a member or the token that opened it expires. A user may hold
/// <see cref="EventStreamSettings.MaxStreamsPerUser"/> streams on one API instance; one more answers 429.
/// </summary>
public static class AccountEventsApi
{
    public static IServiceCollection AddAccountEvents(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = EventStreamSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddSingleton(new EventStreamConnections(settings));
        return services;
    }

    public static RouteHandlerBuilder MapAccountEventsApi(this RouteGroupBuilder account) =>
        account.MapGet("/events", SubscribeAsync)
            .WithName("StreamAccountEvents")
            .WithSummary("Live changes of the account as server-sent events")
            .WithDescription("Event names: credential, skills, account, activity, ping (heartbeat), resync (events were dropped: re-read the listings). " +
                "The stream ends when the caller stops being a member or the token expires; a user's streams beyond the limit answer 429.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<Results<ServerSentEventsResult<object>, ProblemHttpResult>> SubscribeAsync(
        AccountCaller caller, ClaimsPrincipal user, CallerAccess access, IClusterClient cluster, TimeProvider clock,
        EventStreamSettings settings, EventStreamConnections connections, HttpContext http)
    {
        if (connections.TryOpen(caller.Subject) is not { } place)
        {
            var retryAfter = (int)Math.Ceiling(settings.RecheckInterval.TotalSeconds);
            http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return ProblemCodes.Problem(StatusCodes.Status429TooManyRequests, "Too many streams", ProblemCodes.TooManyStreams,
                $"This user has {settings.MaxStreamsPerUser} event streams open already; close one, or try again in {retryAfter} s.");
        }

        http.Response.RegisterForDispose(place); // given back when the request ends, however it ends
        var feed = await AccountEventFeed.SubscribeAsync(cluster, caller.AccountId);
        var stream = new StreamWatch(caller.AccountId, user, access, clock, settings, user.ExpiresAt());
        return TypedResults.ServerSentEvents(RelayAsync(feed, stream, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<object>> RelayAsync(
        AccountEventFeed feed, StreamWatch watch, [EnumeratorCancellation] CancellationToken aborted)
    {
        await using var subscription = feed;
        yield return watch.Ping();
        while (!aborted.IsCancellationRequested)
        {
            if (!await watch.MayGoOnAsync())
            {
                yield break;
            }

            var next = await NextAsync(feed, watch.UntilDue(), aborted);
            if (next is null)
            {
                if (watch.PingDue())
                {
                    yield return watch.Ping();
                }

                continue;
            }

            if (feed.TakeOverflow())
            {
                yield return new SseItem<object>(new { at = watch.Now }, "resync");
                continue;
            }

            yield return ToItem(next);
        }
    }

    /// <summary>The next event, or null when something is due first (or the client went away).</summary>
    private static async Task<AccountEvent?> NextAsync(AccountEventFeed feed, TimeSpan due, CancellationToken aborted)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        wait.CancelAfter(due);
        try
        {
            return await feed.Events.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static SseItem<object> ToItem(AccountEvent notice) => notice.Kind switch
    {
        AccountEventKind.Credential when notice.Credential is { } credential =>
            new(CredentialView.From(credential), "credential"),
        AccountEventKind.Activity when notice.Activity is { } entry =>
            new(ActivityEntryView.From(entry), "activity") { EventId = entry.Id.ToString(CultureInfo.InvariantCulture) },
        AccountEventKind.Skills => new(new { runtimeId = notice.RuntimeId, skillCount = notice.SkillCount, at = notice.At }, "skills"),
        _ => new(new { runtimeId = notice.RuntimeId, at = notice.At }, "account"),
    };

    /// <summary>One open stream's clock: when to ping, when to re-check membership, when its token expires.</summary>
    private sealed class StreamWatch(
        string account, ClaimsPrincipal user, CallerAccess access, TimeProvider clock, EventStreamSettings settings, DateTimeOffset? expiresAt)
    {
        private DateTimeOffset _nextPing = clock.GetUtcNow() + settings.HeartbeatInterval;
        private DateTimeOffset _nextCheck = clock.GetUtcNow() + settings.RecheckInterval;

        public DateTimeOffset Now => clock.GetUtcNow();

        /// <summary>False once the token has expired or a due re-check finds the caller no longer a member.</summary>
        public async Task<bool> MayGoOnAsync()
        {
            if (Now >= expiresAt)
            {
                return false;
            }

            if (Now < _nextCheck)
            {
                return true;
            }

            _nextCheck = Now + settings.RecheckInterval;
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

        /// <summary>How long the stream may wait for an event before a ping, a re-check or the token's expiry is due.</summary>
        public TimeSpan UntilDue()
        {
            var due = _nextPing < _nextCheck ? _nextPing : _nextCheck;
            if (expiresAt < due)
            {
                due = expiresAt.Value;
            }

            var wait = due - Now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1);
        }

        public bool PingDue() => Now >= _nextPing;

        public SseItem<object> Ping()
        {
            _nextPing = Now + settings.HeartbeatInterval;
            return new(new { at = Now }, "ping");
        }
    }
}
