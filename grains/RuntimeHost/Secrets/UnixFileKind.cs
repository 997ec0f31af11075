namespace SkillsOrleans.RuntimeHost.Secrets;

/// <summary>The file type bits of a Unix mode (S_IFMT), as far as the secret files care.</summary>
internal enum UnixFileKind
{
    Regular,
    Directory,
    SymbolicLink,
    Other,
}
