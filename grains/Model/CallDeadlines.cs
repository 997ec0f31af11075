namespace SkillsOrleans.Model;

/// <summary>
/// How long each step of a delivery may take, set together so that every step on the runtime host ends inside the
/// grain call that waits for it: an admin's call must never give up on a step that then goes on to change the host.
/// A unit test checks the sum against <see cref="GrainCall"/>.
/// </summary>
public static class CallDeadlines
{
    /// <summary>OpenClaw's config validator (<c>openclaw config validate</c>) on a candidate <c>openclaw.json</c>.</summary>
    public static readonly TimeSpan ConfigValidation = TimeSpan.FromSeconds(20);

    /// <summary>Connecting and inserting one audit row; past this the change is refused.</summary>
    public static readonly TimeSpan AuditWrite = TimeSpan.FromSeconds(10);

    /// <summary>
    /// What the rest of a delivery may take besides those two: opening the envelope, the fsynced secret file and
    /// config writes, two grain state writes and the calls between the grains.
    /// </summary>
    public static readonly TimeSpan OtherDeliverySteps = TimeSpan.FromSeconds(15);

    /// <summary>Orleans' response timeout for every grain call, on silos and on the API's client.</summary>
    public static readonly TimeSpan GrainCall = TimeSpan.FromSeconds(60);
}
