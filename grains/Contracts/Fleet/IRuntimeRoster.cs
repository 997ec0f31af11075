namespace SkillsOrleans.Contracts.Fleet;

/// <summary>
/// Every runtime the platform knows and the account it is bound to, one row each, for platform administrators' fleet
/// view. Each runtime's directory grain keeps its own row (when it binds or unbinds, and again at every registration
/// of its host); a host that cannot register is listed unbound through the fleet index. The fleet view reads it in
/// pages, so neither a binding nor a read grows with the fleet. Rows are never removed. PostgreSQL in every core host
/// (deploy/sql/0013_runtime_roster.sql).
/// </summary>
public interface IRuntimeRoster
{
    /// <summary>Lists the runtime as bound to the account; writes nothing when it is listed so already.</summary>
    Task RecordBindingAsync(string runtimeId, string accountId, CancellationToken cancellationToken);

    /// <summary>Lists the runtime as bound to no account if it is still listed as bound to this one.</summary>
    Task ForgetBindingAsync(string runtimeId, string accountId, CancellationToken cancellationToken);

    /// <summary>Lists the runtime, unbound, unless it is listed already.</summary>
    Task RecordHostAsync(string runtimeId, CancellationToken cancellationToken);

    /// <summary>How many runtimes the roster lists.</summary>
    Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> runtimes ordered by id, after <paramref name="afterRuntimeId"/> when given.</summary>
    Task<FleetRuntimePage> ReadPageAsync(string? afterRuntimeId, int limit, CancellationToken cancellationToken);
}
