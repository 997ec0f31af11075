namespace SkillsOrleans.Contracts.Dashboard;

/// <summary>
/// One Orleans dashboard session of a platform admin, so that every API instance recognises a session any of them
/// opened. Keyed by the SHA-256 of the session cookie's random value (base64url), never by the value itself. Held in
/// memory only, until it expires or is closed: a session is lost with the silo that hosts it (the admin opens a new
/// one), and nothing of it reaches the database.
/// </summary>
[Alias("skillsorleans.dashboard-session")]
public interface IDashboardSessionGrain : IGrainWithStringKey
{
    /// <summary>Starts the session for <paramref name="subject"/> until <paramref name="expiresAt"/>; false if this key is taken.</summary>
    [Alias("open")]
    Task<bool> OpenAsync(string subject, DateTimeOffset expiresAt);

    /// <summary>The session's subject, or null when there is none (never opened, expired or closed).</summary>
    [Alias("subject")]
    Task<string?> GetSubjectAsync();

    [Alias("close")]
    Task CloseAsync();
}
