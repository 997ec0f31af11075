namespace SkillsOrleans.RuntimeHost.Secrets;

/// <summary>
/// What the host secret store can report about itself: names and counts, never a value.
/// <paramref name="Error"/> says why a faulted file was refused; it is null when the store is ready.
/// </summary>
public sealed record SecretStoreStatus(SecretStoreState State, string Path, int Entries, string? Error);
