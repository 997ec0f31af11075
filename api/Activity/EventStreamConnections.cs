namespace SkillsOrleans.Api.Activity;

/// <summary>
/// The event streams each user has open on this API instance, at most <see cref="EventStreamSettings.MaxStreamsPerUser"/>:
/// every stream holds a subscription and a connection for as long as it lasts, so one user (or one stolen token)
/// cannot hold an unbounded number of them.
/// </summary>
public sealed class EventStreamConnections(EventStreamSettings settings)
{
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>A place for one more stream of <paramref name="subject"/>, given back when disposed; null when all are taken.</summary>
    public IDisposable? TryOpen(string subject)
    {
        lock (_open)
        {
            var open = _open.GetValueOrDefault(subject);
            if (open >= settings.MaxStreamsPerUser)
            {
                return null;
            }

            _open[subject] = open + 1;
        }

        return new Place(this, subject);
    }

    private void Close(string subject)
    {
        lock (_open)
        {
            if (_open.GetValueOrDefault(subject) <= 1)
            {
                _open.Remove(subject);
            }
            else
            {
                _open[subject]--;
            }
        }
    }

    private sealed class Place(EventStreamConnections connections, string subject) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                connections.Close(subject);
            }
        }
    }
}
