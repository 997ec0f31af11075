using System.Net.Http.Json;
using System.Text.Json;

namespace SkillsOrleans.CrashHarness;

/// <summary>
/// Concurrent workers over the credentials: each credential belongs to exactly one worker, which drives it one
/// operation at a time — submit a pending key, rotate or revoke an active one, ask again for a revoked one — so its
/// expected end state is known. A write carries an <c>Idempotency-Key</c> and is repeated with the same key while its
/// outcome is unknown; every operation and attempt is recorded on the credential's <see cref="CredentialTrack"/>.
/// </summary>
public sealed class Workload(ApiPair apis, StackProcesses stack, OutageBoard outages, IReadOnlyList<CredentialTrack> tracks, int workers, int seed, TextWriter log)
{
    private const int AttemptsPerWrite = 4;
    private static readonly TimeSpan RequestWait = TimeSpan.FromSeconds(20);
    private int _startedThisRound;

    public int StartedThisRound => Volatile.Read(ref _startedThisRound);

    /// <summary>
    /// Runs until <paramref name="budget"/> operations have started and <paramref name="mayStop"/> says so (the round's
    /// chaos is over); each worker finishes the operation it is in.
    /// </summary>
    public async Task RunRoundAsync(int budget, Func<bool> mayStop, int round)
    {
        Interlocked.Exchange(ref _startedThisRound, 0);
        var assignments = Enumerable.Range(0, workers)
            .Select(w => tracks.Where((_, i) => i % workers == w).ToList())
            .Where(mine => mine.Count > 0)
            .ToList();
        await Task.WhenAll(assignments.Select((mine, w) => Task.Run(() => WorkAsync(mine, new Random(seed + (round * 1000) + w), budget, mayStop))));
    }

    private async Task WorkAsync(List<CredentialTrack> mine, Random random, int budget, Func<bool> mayStop)
    {
        while (!(StartedThisRound >= budget && mayStop()))
        {
            Interlocked.Increment(ref _startedThisRound);
            var track = mine[random.Next(mine.Count)];
            await OperateAsync(track, random);
            await Task.Delay(random.Next(50, 250));
        }
    }

    private async Task OperateAsync(CredentialTrack track, Random random)
    {
        switch (track.BelievedStatus)
        {
            case "pending":
                await WriteAsync(track, OperationKind.Submit);
                break;
            case "active":
                await WriteAsync(track, random.NextDouble() < 0.3 ? OperationKind.Revoke : OperationKind.Rotate);
                break;
            case "revoked":
                await RequestAgainAsync(track);
                break;
            default:
                await ResyncAsync(track);
                break;
        }
    }

    private async Task WriteAsync(CredentialTrack track, OperationKind kind)
    {
        var value = kind == OperationKind.Revoke ? null : $"crash-{Guid.NewGuid():N}";
        var operation = new OperationRecord(kind, value, track.BelievedVersion);
        lock (track.Operations)
        {
            track.Operations.Add(operation);
        }

        var idempotencyKey = Guid.NewGuid().ToString("N");
        var sawUnknown = false;
        for (var attempt = 1; attempt <= AttemptsPerWrite; attempt++)
        {
            var answer = await apis.SendAsync(track.Tenant.Owner, () => Build(track, operation, idempotencyKey));
            operation.Attempts.Add(answer.ToString());
            if (answer.IsSuccess)
            {
                using var body = JsonDocument.Parse(answer.Body);
                operation.AckStatus = body.RootElement.GetProperty("status").GetString();
                operation.AckVersion = body.RootElement.GetProperty("version").GetInt32();
                operation.AckedWhileAnApiWasDown = outages.AnyApiDown;
                operation.Outcome = OperationOutcome.Acknowledged;
                track.BelievedStatus = operation.AckStatus!;
                track.BelievedVersion = operation.AckVersion.Value;
                return;
            }

            if (answer.IsRefusal)
            {
                break; // answered: this attempt did nothing (an earlier unanswered one still may have)
            }

            sawUnknown = true;
            await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt));
        }

        operation.Outcome = sawUnknown ? OperationOutcome.Unknown : OperationOutcome.Refused;
        await ResyncAsync(track);
    }

    private static HttpRequestMessage Build(CredentialTrack track, OperationRecord operation, string idempotencyKey)
    {
        var request = operation.Kind == OperationKind.Revoke
            ? new HttpRequestMessage(HttpMethod.Post, $"{track.Route}/revoke?expectedVersion={operation.ExpectedVersion}")
            : new HttpRequestMessage(HttpMethod.Post, track.Route)
            {
                Content = JsonContent.Create(new { secret = operation.Value, expectedVersion = operation.ExpectedVersion }),
            };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    /// <summary>An agent asks again for a revoked key; acknowledged once the credential is listed pending.</summary>
    private async Task RequestAgainAsync(CredentialTrack track)
    {
        var operation = new OperationRecord(OperationKind.Request, null, track.BelievedVersion);
        lock (track.Operations)
        {
            track.Operations.Add(operation);
        }

        stack.Hosts[track.Tenant.RuntimeId].WriteRequest(track.Skill.SkillKey, track.KeyName, "asked again after a revocation");
        var deadline = DateTimeOffset.UtcNow + RequestWait;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var listing = await CredentialListing.ReadAsync(apis, track.Tenant);
            if (listing is not null && listing.TryGetValue(track.Ref, out var listed) && listed.Status == "pending")
            {
                operation.Outcome = OperationOutcome.Acknowledged;
                operation.AckStatus = listed.Status;
                operation.AckVersion = listed.Version;
                operation.AckedWhileAnApiWasDown = outages.AnyApiDown;
                operation.Attempts.Add("listed pending");
                track.BelievedStatus = "pending";
                track.BelievedVersion = listed.Version;
                return;
            }

            await Task.Delay(500);
        }

        operation.Attempts.Add("not listed pending in time");
        operation.Outcome = OperationOutcome.Unknown;
        await ResyncAsync(track);
    }

    /// <summary>After an outcome the worker cannot know, it reads where the credential stands before going on.</summary>
    private async Task ResyncAsync(CredentialTrack track)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var listing = await CredentialListing.ReadAsync(apis, track.Tenant);
            if (listing is not null && listing.TryGetValue(track.Ref, out var listed))
            {
                track.BelievedStatus = listed.Status;
                track.BelievedVersion = listed.Version;
                return;
            }

            await Task.Delay(1000);
        }

        log.WriteLine($"{Clock.Now} could not read {track.Ref} back; will try again");
        track.BelievedStatus = "unknown";
    }
}
