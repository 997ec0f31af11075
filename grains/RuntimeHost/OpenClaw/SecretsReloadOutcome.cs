namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// A reload the gateway accepted. <paramref name="WarningCount"/> counts secret owners it could not refresh (a
/// provider file it refused, a missing id); those keep their last good value or stay unavailable.
/// </summary>
public sealed record SecretsReloadOutcome(int WarningCount);
