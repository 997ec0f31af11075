using Microsoft.Extensions.Logging;
using Orleans.Streams;
using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.Contracts.Events;
using SkillsOrleans.Contracts.Webhooks;
using SkillsOrleans.Grains.Audit;
using SkillsOrleans.Grains.Events;
using SkillsOrleans.Model;

namespace SkillsOrleans.Grains.Webhooks;

/// <summary>
/// Sends an account's key events to its webhook, following the account's audit trail: each row worth sending
/// (<see cref="WebhookEvent"/>) is POSTed in id order, signed (<see cref="WebhookSigningKey"/>), and counted as sent only
/// on a 2xx answer; a failure stops the pass and is retried with a doubling wait (2 s up to 10 min), so order holds and
/// nothing is skipped. Where delivery stands is persisted after each pass: a silo that dies sends the unconfirmed rows
/// again (at least once). A pass runs when the account announces a new audit row (its event stream, to which this grain
/// subscribes while a webhook is set), and otherwise every <see cref="BackstopPeriod"/> — for a notice lost on the way
/// (the streams are live only) and to move past rows once they settle — so an idle account costs no query a second. A
/// reminder brings the grain back after a restart.
/// </summary>
[GrainType("account-webhook")] // pinned: persisted state is keyed by grain type name
public sealed partial class AccountWebhookGrain(
    [PersistentState("webhook", GrainStorageNames.State)] IPersistentState<WebhookState> state,
    IAuditTrail auditTrail,
    WebhookSender sender,
    WebhookOptions options,
    TimeProvider clock,
    ILogger<AccountWebhookGrain> logger) : Grain, IAccountWebhookGrain, IRemindable
{
    private const string ReminderName = "deliver";
    private const int RowsPerPass = 100;
    private static readonly TimeSpan BackstopPeriod = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxRetryWait = TimeSpan.FromMinutes(10);

    /// <summary>A row's id is handed out before it commits; past the audit trail's write deadline a lower id can no longer appear.</summary>
    private static readonly TimeSpan SettleTime = CallDeadlines.AuditWrite + TimeSpan.FromSeconds(5);

    private IGrainTimer? _timer;
    private AuditRecorder _audit = null!;

    private string AccountId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _audit = new AuditRecorder(auditTrail, AccountEventPublisher.For(ServiceProvider, logger), clock, logger);
        if (state.State.Url is not null)
        {
            await FollowAccountEventsAsync();
            StartDelivering();
        }
        else
        {
            await StopFollowingAccountEventsAsync(); // a subscription left by a removal that failed half-way
        }
    }

    public Task<WebhookStatus?> GetAsync() => Task.FromResult(Status());

    public async Task<WebhookStatus> ConfigureAsync(WebhookConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var url = WebhookTarget.Parse(configuration.Url, options.AllowHttp);
        // Events from now on: an account's history is not replayed to a new receiver.
        var newest = await NewestRowIdAsync();
        await _audit.RecordChangeAsync(new AuditRecord(AccountId, configuration.Actor, AuditActorKinds.User, AuditActions.AccountSettingsChanged, AuditOutcomes.Accepted)
        {
            Reason = $"webhook set to {WebhookTarget.Redacted(url)}",
        });
        state.State = new WebhookState
        {
            Url = url.ToString(),
            ConfiguredBy = configuration.Actor,
            ConfiguredAt = clock.GetUtcNow(),
            SettledThrough = newest,
        };
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await FollowAccountEventsAsync();
        StartDelivering();
        LogConfigured(logger, AccountId, WebhookTarget.Redacted(url));
        return Status()!;
    }

    public async Task RemoveAsync(string actor)
    {
        if (state.State.Url is null)
        {
            return;
        }

        await _audit.RecordChangeAsync(new AuditRecord(AccountId, actor, AuditActorKinds.User, AuditActions.AccountSettingsChanged, AuditOutcomes.Accepted)
        {
            Reason = "webhook removed",
        });
        _timer?.Dispose();
        _timer = null;
        await StopFollowingAccountEventsAsync();
        await state.ClearStateAsync();
        state.State = new WebhookState();
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Activating is the point: the activation starts the timer when a webhook is set. Without one, it goes.
        if (state.State.Url is null && await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void StartDelivering() =>
        _timer ??= this.RegisterGrainTimer(DeliverAsync, new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = BackstopPeriod, KeepAlive = true });

    /// <summary>The next pass at <paramref name="dueIn"/> from now (at once if negative), then every backstop period.</summary>
    private void PassIn(TimeSpan dueIn) => _timer?.Change(dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero, BackstopPeriod);

    private IAsyncStream<AccountEvent> AccountEvents() =>
        this.GetStreamProvider(AccountEventStreams.ProviderName).GetStream<AccountEvent>(StreamId.Create(AccountEventStreams.Namespace, AccountId));

    /// <summary>Subscribes to the account's events once (the subscription is kept by Orleans); later activations resume it.</summary>
    private async Task FollowAccountEventsAsync()
    {
        var stream = AccountEvents();
        var handles = await stream.GetAllSubscriptionHandles();
        if (handles.Count == 0)
        {
            await stream.SubscribeAsync(OnAccountEventAsync);
            return;
        }

        foreach (var handle in handles)
        {
            await handle.ResumeAsync(OnAccountEventAsync);
        }
    }

    private async Task StopFollowingAccountEventsAsync()
    {
        foreach (var handle in await AccountEvents().GetAllSubscriptionHandles())
        {
            await handle.UnsubscribeAsync();
        }
    }

    /// <summary>A new audit row: a pass now, unless a failure asked to wait (then it runs when the wait ends).</summary>
    private Task OnAccountEventAsync(AccountEvent notice, StreamSequenceToken? token)
    {
        if (notice.Kind == AccountEventKind.Activity && state.State.Url is not null)
        {
            PassIn(state.State.NextAttemptAt is { } next ? next - clock.GetUtcNow() : TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        var current = state.State;
        var now = clock.GetUtcNow();
        if (current.Url is null)
        {
            return;
        }

        if (current.NextAttemptAt > now)
        {
            PassIn(current.NextAttemptAt.Value - now); // a backstop tick inside a retry wait
            return;
        }

        var (rows, readAt) = await auditTrail.ReadAfterIdAsync(AccountId, current.SettledThrough, RowsPerPass, cancellationToken);
        var handled = new HashSet<long>(current.HandledAbove);
        var changed = false;
        foreach (var row in rows.Where(r => !handled.Contains(r.Id)))
        {
            if (WebhookEvent.IsSent(row))
            {
                var problem = await sender.SendAsync(new Uri(current.Url), WebhookEvent.Id(row), now.ToUnixTimeSeconds(), WebhookEvent.Body(row), cancellationToken);
                changed = true;
                if (problem is not null)
                {
                    current.ConsecutiveFailures++;
                    current.LastError = problem;
                    current.NextAttemptAt = now + RetryWait(current.ConsecutiveFailures);
                    LogFailed(logger, AccountId, row.Id, problem, current.ConsecutiveFailures);
                    break;
                }

                current.Delivered++;
                current.LastDeliveredAt = now;
                current.ConsecutiveFailures = 0;
                current.LastError = null;
                current.NextAttemptAt = null;
            }

            handled.Add(row.Id);
            changed = true;
        }

        foreach (var row in rows)
        {
            if (!handled.Contains(row.Id) || row.OccurredAt > readAt - SettleTime)
            {
                break;
            }

            current.SettledThrough = row.Id;
            changed = true;
        }

        current.HandledAbove = [.. handled.Where(id => id > current.SettledThrough).Order()];
        if (changed)
        {
            await state.WriteStateAsync(cancellationToken);
        }

        if (current.NextAttemptAt is { } retryAt)
        {
            PassIn(retryAt - now);
        }
        else if (rows.Count == RowsPerPass)
        {
            PassIn(TimeSpan.Zero); // more rows than one pass takes
        }
    }

    private static TimeSpan RetryWait(int failures) =>
        TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(failures, 20)), MaxRetryWait.TotalSeconds));

    private async Task<long> NewestRowIdAsync()
    {
        var page = await auditTrail.ReadAsync(AccountId, null, 1, CancellationToken.None);
        return page.Entries is [var newest, ..] ? newest.Id : 0;
    }

    private WebhookStatus? Status()
    {
        var current = state.State;
        return current.Url is null
            ? null
            : new WebhookStatus(WebhookTarget.Redacted(new Uri(current.Url)), current.ConfiguredBy, current.ConfiguredAt, current.Delivered,
                current.LastDeliveredAt, current.ConsecutiveFailures, current.LastError, current.NextAttemptAt);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} sends its webhooks to {Target}")]
    private static partial void LogConfigured(ILogger logger, string accountId, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook of account {AccountId} for audit row {RowId} not delivered ({Problem}); attempt {Failures} failed, retrying later")]
    private static partial void LogFailed(ILogger logger, string accountId, long rowId, string problem, int failures);
}
