using System.Collections.Concurrent;
using System.Diagnostics;

namespace SkillsOrleans.ClusterTests;

/// <summary>Every span any source in this process records (HTTP, Orleans, ours) while this is alive.</summary>
public sealed class RecordedSpans : IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public RecordedSpans()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyCollection<Activity> Stopped => _spans;

    /// <summary>Each span as one line: source, name, tags and event tags — what an exporter would send.</summary>
    public string Transcript() => string.Join('\n', _spans.Select(span =>
        $"{span.Source.Name} {span.DisplayName} {string.Join(' ', span.TagObjects.Select(t => $"{t.Key}={t.Value}"))} "
        + string.Join(' ', span.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}")))));

    public void Dispose() => _listener.Dispose();
}
