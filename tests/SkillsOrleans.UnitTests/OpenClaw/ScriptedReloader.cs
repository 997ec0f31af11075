using SkillsOrleans.RuntimeHost.OpenClaw;

namespace SkillsOrleans.UnitTests.OpenClaw;

/// <summary>
/// A gateway stand-in for the coordinator: each call takes the next scripted answer (the last one repeats) and
/// is recorded with the time the test clock showed.
/// </summary>
internal sealed class ScriptedReloader(TimeProvider clock) : IGatewaySecretsReloader
{
    private readonly Queue<Func<Task<SecretsReloadOutcome>>> _answers = new();
    private Func<Task<SecretsReloadOutcome>> _last = () => Task.FromResult(new SecretsReloadOutcome(0));

    public List<DateTimeOffset> Calls { get; } = [];

    public ScriptedReloader Then(Func<Task<SecretsReloadOutcome>> answer)
    {
        _answers.Enqueue(answer);
        return this;
    }

    public ScriptedReloader ThenSucceed(int warnings = 0) => Then(() => Task.FromResult(new SecretsReloadOutcome(warnings)));

    public ScriptedReloader ThenFail(GatewayReloadFailure failure) =>
        Then(() => Task.FromException<SecretsReloadOutcome>(new GatewayReloadException(failure, $"scripted {failure}.")));

    public Task<SecretsReloadOutcome> ReloadSecretsAsync(CancellationToken cancellationToken)
    {
        Calls.Add(clock.GetUtcNow());
        if (_answers.TryDequeue(out var answer))
        {
            _last = answer;
        }

        return _last();
    }
}
