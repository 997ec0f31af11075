using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Grains.Requests;
using SkillsOrleans.Grains.Skills;
using SkillsOrleans.Grains.Telemetry;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Model.Skills;

namespace SkillsOrleans.Grains.Runtimes;

/// <summary>
/// One pass of the runtime's workspace work, run by the RuntimeGrain's timer: rescan skills when the file system
/// says they changed (or the full-rescan period is up), publish the catalog when it differs from the last one the
/// account accepted, then handle settled request files against that catalog.
/// </summary>
public sealed partial class WorkspaceSyncLoop : IDisposable
{
    private readonly RuntimeHostOptions _options;
    private readonly SkillCatalogScanner _scanner;
    private readonly CredentialRequestInbox _inbox;
    private readonly WorkspaceChangeMonitor _monitor;
    private readonly CredentialRequestProcessor _processor;
    private readonly Func<SkillCatalog, Task> _publish;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private IReadOnlyList<SkillManifest> _catalog = [];
    private IReadOnlyList<SkillManifest>? _published;
    private DateTimeOffset _nextFullScan = DateTimeOffset.MinValue;
    private DateTimeOffset? _lastSyncAt;
    private string? _lastError;

    public WorkspaceSyncLoop(
        RuntimeHostOptions options,
        Func<SkillCatalog, Task> publish,
        Func<CredentialRef, CredentialRequest, Task<CredentialRequestResult>> submitRequest,
        Func<RefusedRequest, Task> recordRefusal,
        TimeProvider clock,
        ILogger logger)
    {
        _options = options;
        _publish = publish;
        _clock = clock;
        _logger = logger;
        _scanner = new SkillCatalogScanner(options.SkillsDir);
        _inbox = new CredentialRequestInbox(options.RequestsDir, clock);
        _inbox.EnsureCreated();
        _monitor = new WorkspaceChangeMonitor(options.SkillsDir, options.RequestsDir);
        _processor = new CredentialRequestProcessor(_inbox, options.AccountId, options.RuntimeId, submitRequest, recordRefusal, logger);
    }

    public IReadOnlyList<SkillManifest> Catalog => _catalog;

    /// <summary>Goes up each time a changed catalog is published; lets the runtime react to installs and removals.</summary>
    public int CatalogVersion { get; private set; }

    public async Task RunOnceAsync()
    {
        var now = _clock.GetUtcNow();
        var fullPass = now >= _nextFullScan;
        try
        {
            if (_monitor.TakeSkillsChanged() | fullPass)
            {
                var started = Stopwatch.GetTimestamp();
                _catalog = await Task.Run(_scanner.Scan);
                SkillsOrleansTelemetry.SkillScanDuration.Record(
                    SkillsOrleansTelemetry.SecondsSince(started), new KeyValuePair<string, object?>("runtime", _options.RuntimeId));
                var broken = _catalog.Count(s => s.ParseError is not null);
                SkillsOrleansTelemetry.SkillsScanned(_options.RuntimeId, _catalog.Count - broken, broken);
                LogScanned(_logger, _catalog.Count, _scanner.LastParsedCount);
            }

            if (_published is null || !_published.SequenceEqual(_catalog))
            {
                await _publish(new SkillCatalog(_options.RuntimeId, now, _catalog));
                _published = _catalog;
                CatalogVersion++;
                SkillsOrleansTelemetry.SkillCatalogsPublished.Add(1, new KeyValuePair<string, object?>("runtime", _options.RuntimeId));
            }

            // Request files settle for a second before they are read, so look again on every pass while any wait.
            if (_monitor.TakeRequestsChanged() | fullPass | _inbox.Counts().Waiting > 0)
            {
                var summary = await _processor.ProcessAsync(_catalog);
                if (summary.LastError is not null)
                {
                    throw new InvalidOperationException($"{summary.Deferred} request(s) deferred: {summary.LastError}");
                }
            }

            _lastSyncAt = now;
            _lastError = null;
            if (fullPass)
            {
                _nextFullScan = now + _options.SkillSyncInterval;
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            _lastError = $"{error.GetType().Name}: {ResourceIds.Printable(error.Message)}";
            LogPassFailed(_logger, error);
        }
    }

    public SkillSyncHealth Health(bool running)
    {
        var (waiting, failed) = _inbox.Counts();
        return new SkillSyncHealth(running, _lastSyncAt, _lastError, _catalog.Count, _catalog.Count(s => s.ParseError is not null), waiting, failed);
    }

    public void Dispose() => _monitor.Dispose();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scanned {Skills} skills ({Parsed} parsed)")]
    private static partial void LogScanned(ILogger logger, int skills, int parsed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workspace sync pass failed; retrying on the next tick")]
    private static partial void LogPassFailed(ILogger logger, Exception error);
}
