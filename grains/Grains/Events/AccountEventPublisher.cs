using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using SkillsOrleans.Contracts.Events;

namespace SkillsOrleans.Grains.Events;

/// <summary>
/// Tells live views that something changed in an account. Best effort by design: the change is already durable
/// (grain state, audit table) before it is announced, so a notice that cannot be sent is logged and dropped — a
/// view re-reads the listings when it reconnects. Silos without the stream provider announce nothing.
/// </summary>
public sealed partial class AccountEventPublisher(IStreamProvider? streams, ILogger logger)
{
    /// <summary>The publisher for a grain's silo (the stream provider is optional in test silos).</summary>
    public static AccountEventPublisher For(IServiceProvider services, ILogger logger) =>
        new(services.GetKeyedService<IStreamProvider>(AccountEventStreams.ProviderName), logger);

    public async Task PublishAsync(AccountEvent notice)
    {
        if (streams is null)
        {
            return;
        }

        try
        {
            var stream = streams.GetStream<AccountEvent>(StreamId.Create(AccountEventStreams.Namespace, notice.AccountId));
            await stream.OnNextAsync(notice);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogPublishFailed(logger, error, notice.Kind, notice.AccountId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live {Kind} event of account {AccountId} was not published; views catch up on their next read")]
    private static partial void LogPublishFailed(ILogger logger, Exception error, AccountEventKind kind, string accountId);
}
