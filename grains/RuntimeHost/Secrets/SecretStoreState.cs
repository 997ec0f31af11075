namespace SkillsOrleans.RuntimeHost.Secrets;

public enum SecretStoreState
{
    /// <summary>The file was read (or is absent, meaning empty) and passed every check; reads and writes are served.</summary>
    Ready = 1,

    /// <summary>The file exists but is refused or unreadable; nothing is served and the file is never written until a reload succeeds.</summary>
    Faulted = 2,
}
