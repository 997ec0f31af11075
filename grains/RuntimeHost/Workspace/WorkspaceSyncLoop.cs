using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Model.Skills;
using SkillsOrleans.RuntimeHost.Requests;
using SkillsOrleans.RuntimeHost.Skills;
using SkillsOrleans.RuntimeHost.Telemetry;

namespace SkillsOrleans.RuntimeHost.Workspace;

/// <summary>
/// One pass of the runtime's workspace work, run by the RuntimeGrain's timer: rescan the skills the file system says
/// changed (only those), combine them with the skills OpenClaw loads from its other places (<see cref="LayeredSkillCatalog"/>,
/// rescanned on full passes), publish the catalog when it differs from the last one the account accepted, then handle
/// request files against that catalog. The whole skill tree is walked on the first pass, when the watcher lost events,
/// and otherwise only as a backstop (<see cref="RuntimeHostOptions.SkillRescanBackstop"/>). Passes run one at a time (one timer);
/// <see cref="Catalog"/>, <see cref="CatalogVersion"/> and <see cref="Status"/> may be read in between.
/// </summary>
public sealed partial class WorkspaceSyncLoop : IDisposable
{
    private readonly RuntimeHostOptions _options;
    private readonly SkillCatalogScanner _scanner;
    private readonly LayeredSkillCatalog _layers;
    private readonly CredentialRequestInbox _inbox;
    private readonly WorkspaceChangeMonitor _monitor;
    private readonly CredentialRequestProcessor _processor;
    private readonly FiledRequestPruner _pruner;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private volatile IReadOnlyList<SkillManifest> _catalog = [];
    private IReadOnlyList<SkillManifest> _workspaceSkills = [];
    private volatile IReadOnlyList<AgentWorkspace> _agents = [];
    private IReadOnlyList<IReadOnlyList<SkillManifest>> _agentSkills = [];
    private IReadOnlyList<SkillManifest>? _published;
    private DateTimeOffset _nextFullScan = DateTimeOffset.MinValue;
    private DateTimeOffset _nextBackstopScan = DateTimeOffset.MinValue;
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;
    private int _failuresAtLastWalk;
    private DateTimeOffset? _lastSyncAt;
    private string? _lastError;
    private int _catalogVersion;

    public WorkspaceSyncLoop(RuntimeHostOptions options, TimeProvider clock, ILogger<WorkspaceSyncLoop> logger)
    {
        _options = options;
        _clock = clock;
        _logger = logger;
        _scanner = new SkillCatalogScanner(options.SkillsDir, options.MaxSkillFoldersPerScan);
        _layers = new LayeredSkillCatalog(options.LowerSkillRoots(), options.MaxSkillFoldersPerScan);
        _inbox = new CredentialRequestInbox(options.RequestsDir, clock, options.MaxRequestFilesPerScan);
        try
        {
            _inbox.EnsureCreated();
        }
        catch (IOException error)
        {
            // A request directory that is a link is refused on every pass (and shown in health); it stops nothing else.
            LogInboxRefused(logger, error.Message);
        }

        _monitor = new WorkspaceChangeMonitor(options.SkillsDir, options.RequestsDir);
        _processor = new CredentialRequestProcessor(_inbox, options.AccountId, options.RuntimeId, logger);
        _pruner = new FiledRequestPruner(_inbox, options.RequestFileRetention, clock);
        Decisions = new RequestDecisionNotes(_inbox);
    }

    /// <summary>Admins' decisions on this workspace's requests, noted for its agents.</summary>
    public RequestDecisionNotes Decisions { get; }

    /// <summary>How often filed requests are checked against their retention: retention is counted in days, not passes.</summary>
    public static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(10);

    public IReadOnlyList<SkillManifest> Catalog => _catalog;

    /// <summary>Goes up each time a changed catalog is published; lets the runtime react to installs and removals.</summary>
    public int CatalogVersion => Volatile.Read(ref _catalogVersion);

    public async Task RunOnceAsync(IWorkspaceCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var now = _clock.GetUtcNow();
        var fullPass = now >= _nextFullScan;
        try
        {
            var changes = _monitor.TakeSkillChanges();
            if (fullPass && (now >= _nextBackstopScan || _monitor.Failures != _failuresAtLastWalk))
            {
                changes = SkillTreeChanges.All;
            }

            if (fullPass)
            {
                // Installs there (the managed folder, a new OpenClaw release, another agent's workspace) are rare: seen
                // on the full passes.
                await Task.Run(_layers.ScanLowerRoots);
                await Task.Run(ScanAgentWorkspaces);
                if (_layers.LastScanCapped)
                {
                    RuntimeHostTelemetry.ScanCapped(_options.RuntimeId, "skill_folders");
                }
            }

            if (changes.Any)
            {
                var started = Stopwatch.GetTimestamp();
                var failures = _monitor.Failures;
                _workspaceSkills = await Task.Run(() => _scanner.Rescan(changes));
                _catalog = _layers.Combine(_workspaceSkills, _agentSkills);
                if (_scanner.LastScanWasWhole)
                {
                    _failuresAtLastWalk = failures;
                    _nextBackstopScan = now + _options.SkillRescanBackstop;
                }

                RuntimeHostTelemetry.SkillScanDuration.Record(
                    RuntimeHostTelemetry.SecondsSince(started),
                    new KeyValuePair<string, object?>("runtime", _options.RuntimeId),
                    new KeyValuePair<string, object?>("scope", _scanner.LastScanWasWhole ? "whole" : "changed"));
                var broken = _catalog.Count(s => s.ParseError is not null);
                RuntimeHostTelemetry.SkillsScanned(_options.RuntimeId, _catalog.Count - broken, broken);
                LogScanned(_logger, _catalog.Count, _scanner.LastFoldersVisited, _scanner.LastParsedCount);
                if (_scanner.LastScanCapped)
                {
                    RuntimeHostTelemetry.ScanCapped(_options.RuntimeId, "skill_folders");
                    LogSkillScanCapped(_logger, _scanner.MaxFoldersPerScan);
                }
            }
            else if (fullPass)
            {
                _catalog = _layers.Combine(_workspaceSkills, _agentSkills);
            }

            var catalog = _catalog;
            if (_published is null || !_published.SequenceEqual(catalog))
            {
                await cluster.PublishCatalogAsync(now, catalog);
                _published = catalog;
                Interlocked.Increment(ref _catalogVersion);
                RuntimeHostTelemetry.SkillCatalogsPublished.Add(1, new KeyValuePair<string, object?>("runtime", _options.RuntimeId));
            }

            // A file that cannot be accepted yet waits a second before it is refused, so look again on every pass while any wait.
            if (_monitor.TakeRequestsChanged() | fullPass | _inbox.AnyWaiting())
            {
                var summary = await _processor.ProcessAsync(catalog, cluster);
                if (summary.LastError is not null)
                {
                    throw new InvalidOperationException($"{summary.Deferred} request(s) deferred: {summary.LastError}");
                }
            }

            foreach (var agent in _agents.Where(a => fullPass || a.Inbox.AnyWaiting()))
            {
                // One agent's workspace (a request directory made a link, say) holds up neither the main one nor the others.
                try
                {
                    var summary = await agent.ProcessRequestsAsync(catalog, cluster);
                    if (summary.LastError is not null)
                    {
                        LogAgentRequestsDeferred(_logger, agent.AgentId, summary.Deferred, summary.LastError);
                    }
                }
                catch (IOException error)
                {
                    LogAgentRequestsDeferred(_logger, agent.AgentId, 0, error.Message);
                }
            }

            if (fullPass && now >= _nextPrune)
            {
                _nextPrune = now + PruneInterval;
                PruneFiledRequests();
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

    /// <summary>The main workspace's decision notes and every other agent workspace's: an agent reads them where it asked.</summary>
    public IReadOnlyList<RequestDecisionNotes> AllDecisionNotes() => [Decisions, .. _agents.Select(a => a.Decisions)];

    /// <summary>Follows openclaw.json's agents (a workspace added or gone) and rescans each one's skills.</summary>
    private void ScanAgentWorkspaces()
    {
        string? configText;
        try
        {
            configText = File.Exists(_options.ConfigPath) ? File.ReadAllText(_options.ConfigPath) : null;
        }
        catch (IOException)
        {
            return; // the config is being replaced: the next full pass reads it
        }

        IReadOnlyList<(string AgentId, string Directory)> wanted;
        try
        {
            wanted = AgentWorkspaces.Resolve(configText, _options.StateDir, _options.WorkspaceDir);
        }
        catch (Exception error) when (error is OpenClaw.OpenClawConfigRejectedException or System.Text.Json.JsonException)
        {
            return; // an unreadable config keeps the agents last seen
        }

        var known = _agents.ToDictionary(a => (a.AgentId, a.Directory));
        _agents = [.. wanted.Select(w => known.TryGetValue(w, out var agent) ? agent : new AgentWorkspace(w.AgentId, w.Directory, _options, _clock, _logger))];
        _agentSkills = [.. _agents.SelectMany(a => a.ScanSkills())];
    }

    private void PruneFiledRequests()
    {
        foreach (var agent in _agents)
        {
            agent.PruneFiledRequests();
        }

        var pruned = _pruner.Prune();
        if (pruned > 0)
        {
            RuntimeHostTelemetry.RequestFilesPruned.Add(pruned, new KeyValuePair<string, object?>("runtime", _options.RuntimeId));
            LogPruned(_logger, pruned, _pruner.Retention);
        }
    }

    public WorkspaceSyncStatus Status()
    {
        var (waiting, failed) = _inbox.Counts();
        var catalog = _catalog;
        return new WorkspaceSyncStatus(_lastSyncAt, _lastError, catalog.Count, catalog.Count(s => s.ParseError is not null), waiting, failed);
    }

    public void Dispose()
    {
        _monitor.Dispose();
        RuntimeHostTelemetry.SkillsForgotten(_options.RuntimeId);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scanned: {Skills} skills listed, {Folders} folders looked into, {Parsed} parsed")]
    private static partial void LogScanned(ILogger logger, int skills, int folders, int parsed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The skill scan stopped after looking into {Limit} folders; skills past them are not listed")]
    private static partial void LogSkillScanCapped(ILogger logger, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} filed request files older than {Retention}")]
    private static partial void LogPruned(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The request directory is refused: {Reason}")]
    private static partial void LogInboxRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Deferred} request file(s) of agent {AgentId}'s workspace left in place to retry: {Error}")]
    private static partial void LogAgentRequestsDeferred(ILogger logger, string agentId, int deferred, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workspace sync pass failed; retrying on the next tick")]
    private static partial void LogPassFailed(ILogger logger, Exception error);
}
