using Microsoft.Extensions.Logging;

namespace SkillsOrleans.ClientHosting;

/// <summary>
/// Lets an external client (the API) start before the silos and keep trying to reach them, instead of failing
/// its host at the first refused connection. Each retry waits a little longer, up to five seconds.
/// </summary>
public sealed partial class ClusterConnectionRetryFilter(ILogger<ClusterConnectionRetryFilter> logger) : IClientConnectionRetryFilter
{
    private int _attempt;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        _attempt++;
        LogRetry(logger, _attempt, exception.Message);
        await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 250 * _attempt)), cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster not reachable yet (attempt {Attempt}): {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, string reason);
}
