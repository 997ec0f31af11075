using System.Threading.Channels;
using Orleans.Streams;
using SkillsOrleans.Contracts.Events;

namespace SkillsOrleans.Api.Activity;

/// <summary>
/// One live subscription to an account's event stream, buffered for one slow reader. When the buffer overflows,
/// the feed drops what it holds and says so once (<see cref="TakeOverflow"/>), so the reader re-reads the listings
/// instead of silently missing changes.
/// </summary>
public sealed class AccountEventFeed : IAsyncDisposable
{
    public const int Capacity = 256;

    private readonly Channel<AccountEvent> _buffer = Channel.CreateBounded<AccountEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private StreamSubscriptionHandle<AccountEvent>? _subscription;
    private int _overflowed;

    private AccountEventFeed()
    {
    }

    public ChannelReader<AccountEvent> Events => _buffer.Reader;

    public static async Task<AccountEventFeed> SubscribeAsync(IClusterClient cluster, string accountId)
    {
        var feed = new AccountEventFeed();
        var stream = cluster.GetStreamProvider(AccountEventStreams.ProviderName)
            .GetStream<AccountEvent>(StreamId.Create(AccountEventStreams.Namespace, accountId));
        feed._subscription = await stream.SubscribeAsync((notice, _) =>
        {
            if (!feed._buffer.Writer.TryWrite(notice))
            {
                Interlocked.Exchange(ref feed._overflowed, 1);
            }

            return Task.CompletedTask;
        });
        return feed;
    }

    /// <summary>True once after events were dropped; the buffer is emptied so the reader starts afresh.</summary>
    public bool TakeOverflow()
    {
        if (Interlocked.Exchange(ref _overflowed, 0) == 0)
        {
            return false;
        }

        while (_buffer.Reader.TryRead(out _))
        {
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _buffer.Writer.TryComplete();
        if (_subscription is not null)
        {
            await _subscription.UnsubscribeAsync();
        }
    }
}
