namespace SkillsOrleans.CrashHarness;

/// <summary>One round: its chaos, how long everything took to agree again (null: not within the bound), and what did not.</summary>
public sealed record RoundResult(int Round, ChaosEvent? Chaos, TimeSpan? ConvergedAfter, IReadOnlyList<CredentialViolation> Violations);
