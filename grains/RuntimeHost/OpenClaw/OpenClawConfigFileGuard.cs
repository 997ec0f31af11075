using SkillsOrleans.RuntimeHost.Secrets;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// When openclaw.json may be read and then replaced. A rewrite renames a new 0600 file owned by this process over
/// the path, so a symbolic link would be replaced by a plain file (and the file it pointed to left stale), and a
/// file owned by another user would end up unreadable to that user's gateway. Both are refused. The mode is not
/// checked: a 0644 file from an installer is simply replaced by a 0600 one.
/// </summary>
internal static class OpenClawConfigFileGuard
{
    public static string? Problem(UnixFileFacts facts) => facts switch
    {
        { Kind: UnixFileKind.SymbolicLink } => "it is a symbolic link; point OPENCLAW_CONFIG_PATH at the file itself",
        { Kind: UnixFileKind.Directory } => "it is a directory",
        { Kind: not UnixFileKind.Regular } => "it is not a regular file",
        _ when facts.OwnerId != UnixFileFacts.CurrentUserId =>
            $"it is owned by uid {facts.OwnerId}, not by this process's user (uid {UnixFileFacts.CurrentUserId}); run the runtime host as the gateway's user",
        _ => null,
    };
}
