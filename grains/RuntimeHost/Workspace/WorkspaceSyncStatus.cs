namespace SkillsOrleans.RuntimeHost.Workspace;

/// <summary>
/// The workspace loop as health shows it: when it last completed a pass, the last error, how many skills it sees (and
/// how many of them are broken), request files waiting in the inbox and files set aside in <c>failed/</c>.
/// </summary>
public sealed record WorkspaceSyncStatus(
    DateTimeOffset? LastSyncAt,
    string? LastError,
    int Skills,
    int BrokenSkills,
    int PendingRequests,
    int FailedRequests);
