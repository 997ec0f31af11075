namespace SkillsOrleans.RuntimeHost.Secrets;

/// <summary>
/// The host secret file (or its fingerprint key) was refused: unparseable, or failing the ownership, mode or
/// link checks. Every operation fails with this until an operator fixes the file and the store is reloaded.
/// The reason names the file and the rule it breaks, never its content.
/// </summary>
public sealed class SecretStoreUnavailableException : Exception
{
    public SecretStoreUnavailableException(string path, string reason)
        : base($"The host secret store cannot use '{path}': {reason}. Fix the file and reload the store.")
    {
        Path = path;
        Reason = reason;
    }

    public string Path { get; }

    public string Reason { get; }
}
