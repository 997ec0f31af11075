namespace SkillsOrleans.CrashHarness;

/// <summary>
/// Why a credential's end state is not what its history allows. <see cref="ConfigOnly"/>: the secret file and the
/// API agree with the history, but openclaw.json is out of step with the secret file.
/// </summary>
public sealed record CredentialViolation(string CredentialRef, IReadOnlyList<string> Problems, bool ConfigOnly, string History)
{
    public override string ToString() => $"{CredentialRef}: {string.Join("; ", Problems)} — history: {History}";
}
