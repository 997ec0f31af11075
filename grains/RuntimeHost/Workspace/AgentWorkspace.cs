using Microsoft.Extensions.Logging;
using SkillsOrleans.Model.Skills;
using SkillsOrleans.RuntimeHost.Requests;
using SkillsOrleans.RuntimeHost.Skills;

namespace SkillsOrleans.RuntimeHost.Workspace;

/// <summary>
/// Another agent's workspace on the same gateway: its skills (<c>skills/</c> and <c>.agents/skills/</c>, listed behind
/// <c>.agent/&lt;id&gt;/</c> so their folders name one place across the catalog) and its request directory, handled like the
/// main workspace's but seen on full passes and whenever files wait there, without file-system events.
/// </summary>
public sealed class AgentWorkspace
{
    private readonly SkillCatalogScanner _skills;
    private readonly SkillCatalogScanner _projectSkills;
    private readonly CredentialRequestProcessor _processor;
    private readonly FiledRequestPruner _pruner;

    public AgentWorkspace(string agentId, string directory, RuntimeHostOptions options, TimeProvider clock, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        AgentId = agentId;
        Directory = directory;
        _skills = new SkillCatalogScanner(Path.Combine(directory, "skills"), options.MaxSkillFoldersPerScan);
        _projectSkills = new SkillCatalogScanner(Path.Combine(directory, ".agents", "skills"), options.MaxSkillFoldersPerScan);
        Inbox = new CredentialRequestInbox(Path.Combine(directory, "requests", "skill-credentials"), clock, options.MaxRequestFilesPerScan);
        _processor = new CredentialRequestProcessor(Inbox, options.AccountId, options.RuntimeId, logger);
        _pruner = new FiledRequestPruner(Inbox, options.RequestFileRetention, clock);
        Decisions = new RequestDecisionNotes(Inbox);
    }

    public string AgentId { get; }

    public string Directory { get; }

    public CredentialRequestInbox Inbox { get; }

    public RequestDecisionNotes Decisions { get; }

    /// <summary>Its skills, highest precedence first: the workspace's own, then its project agent skills.</summary>
    public IReadOnlyList<IReadOnlyList<SkillManifest>> ScanSkills()
    {
        var prefix = $".agent/{AgentId}/";
        return
        [
            [.. _skills.Scan().Select(s => s with { Folder = prefix + s.Folder, Source = SkillSources.Workspace })],
            [.. _projectSkills.Scan().Select(s => s with { Folder = $"{prefix}.agents/skills/{s.Folder}", Source = SkillSources.ProjectAgents })],
        ];
    }

    public Task<RequestProcessingSummary> ProcessRequestsAsync(IReadOnlyList<SkillManifest> catalog, ICredentialRequestTarget target) =>
        _processor.ProcessAsync(catalog, target);

    public int PruneFiledRequests() => _pruner.Prune();
}
