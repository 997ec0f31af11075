namespace SkillsOrleans.Benchmarks.Workspace;

/// <summary>
/// The frontmatter layouts OpenClaw's bundled skills use: which <c>metadata.openclaw</c> fields are present and
/// which installer the <c>install</c> entry names.
/// </summary>
internal enum SkillShape
{
    /// <summary><c>requires.bins</c> and a Homebrew formula.</summary>
    BinsFromBrew,

    /// <summary><c>requires.anyBins</c>, a <c>primaryEnv</c> and an npm package.</summary>
    AnyBinsWithPrimaryEnvFromNode,

    /// <summary><c>requires.bins</c> and <c>requires.env</c>, one of them the <c>primaryEnv</c>, and a Homebrew formula.</summary>
    BinsAndEnvFromBrew,

    /// <summary>Nothing required, only an <c>install</c> entry.</summary>
    InstallOnly,

    /// <summary>macOS only (<c>os: ["darwin"]</c>), <c>requires.bins</c> and a Homebrew formula.</summary>
    DarwinBinsFromBrew,

    /// <summary><c>requires.bins</c> and a Go module.</summary>
    BinsFromGo,

    /// <summary><c>requires.bins</c>, a <c>primaryEnv</c> and a uv package.</summary>
    BinsWithPrimaryEnvFromUv,
}
