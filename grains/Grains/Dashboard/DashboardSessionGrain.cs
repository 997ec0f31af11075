using SkillsOrleans.Contracts.Dashboard;

namespace SkillsOrleans.Grains.Dashboard;

/// <summary>
/// A dashboard session held in this activation's memory: it stays activated until the session expires, then forgets
/// it. No persistent state, by design: a session is a short-lived credential and belongs nowhere else.
/// </summary>
[GrainType("dashboard-session")]
public sealed class DashboardSessionGrain(TimeProvider clock) : Grain, IDashboardSessionGrain
{
    private string? _subject;
    private DateTimeOffset _expiresAt;

    public Task<bool> OpenAsync(string subject, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        var now = clock.GetUtcNow();
        if (IsOpen(now) || expiresAt <= now)
        {
            return Task.FromResult(false);
        }

        _subject = subject;
        _expiresAt = expiresAt;
        DelayDeactivation(expiresAt - now);
        return Task.FromResult(true);
    }

    public Task<string?> GetSubjectAsync()
    {
        if (IsOpen(clock.GetUtcNow()))
        {
            return Task.FromResult(_subject);
        }

        Forget();
        return Task.FromResult<string?>(null);
    }

    public Task CloseAsync()
    {
        Forget();
        return Task.CompletedTask;
    }

    private bool IsOpen(DateTimeOffset now) => _subject is not null && now < _expiresAt;

    private void Forget()
    {
        _subject = null;
        DeactivateOnIdle();
    }
}
