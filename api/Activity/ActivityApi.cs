using Microsoft.AspNetCore.Http.HttpResults;
using SkillsOrleans.Api.Accounts;
using SkillsOrleans.Contracts.Audit;

namespace SkillsOrleans.Api.Activity;

/// <summary>An account's audit trail, newest first, a page at a time. Members may read it.</summary>
public static class ActivityApi
{
    public const int DefaultLimit = 50;

    public static RouteHandlerBuilder MapActivityApi(this RouteGroupBuilder account) =>
        account.MapGet("/activity", ReadAsync)
            .WithName("ListActivity")
            .WithSummary("The account's audit trail, newest first")
            .WithDescription("Pass the answer's `next` as `before` to read the following page; `limit` is 1–200 (default 50).");

    private static async Task<Results<Ok<ActivityPageView>, ValidationProblem>> ReadAsync(
        string? before, int? limit, AccountCaller caller, IAuditTrail trail, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        AuditCursor cursor = default;
        if (before is not null && !AuditCursor.TryParseToken(before, out cursor))
        {
            errors["before"] = ["before must be the next value of an earlier page"];
        }

        if (limit is < 1 or > AuditPage.MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {AuditPage.MaxLimit}"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await trail.ReadAsync(caller.AccountId, before is null ? null : cursor, limit ?? DefaultLimit, cancellationToken);
        return TypedResults.Ok(new ActivityPageView([.. page.Entries.Select(ActivityEntryView.From)], page.Next?.ToToken()));
    }
}
