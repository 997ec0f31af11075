namespace SkillsOrleans.RuntimeHost.Secrets;

/// <summary>
/// The conditions a file must meet before a secret is read from it or it is replaced: a regular file with one
/// name, owned by this user, closed to group and others. Anything else means somebody other than this store has
/// touched it (a link planted to redirect a write or to keep an old copy, a loosened mode), so it is refused.
/// </summary>
internal static class SecretFileGuard
{
    private const UnixFileMode GroupAndOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Why <paramref name="facts"/> disqualify the file, or null when it may be used.</summary>
    public static string? Problem(UnixFileFacts facts) => facts switch
    {
        { Kind: UnixFileKind.SymbolicLink } => "it is a symbolic link; it must be a regular file",
        { Kind: UnixFileKind.Directory } => "it is a directory; it must be a regular file",
        { Kind: not UnixFileKind.Regular } => "it is not a regular file",
        { LinkCount: not 1 } => $"it has {facts.LinkCount} hard links; it must have exactly one",
        _ when facts.OwnerId != UnixFileFacts.CurrentUserId =>
            $"it is owned by uid {facts.OwnerId}, not by this process's user (uid {UnixFileFacts.CurrentUserId})",
        _ when (facts.Permissions & GroupAndOther) != 0 =>
            $"its mode is {Octal(facts.Permissions)}; group and others must have no access (0600)",
        _ => null,
    };

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8).PadLeft(3, '0');
}
