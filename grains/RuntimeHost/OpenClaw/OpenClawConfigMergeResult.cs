namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// The merged openclaw.json and what it now manages. <see cref="Text"/> holds env values in plain text, so it is
/// written only to the 0600 config file and <see cref="ToString"/> leaves it out.
/// </summary>
public sealed class OpenClawConfigMergeResult
{
    internal OpenClawConfigMergeResult(string text, IReadOnlyList<ManagedEntry> managed, bool changed)
    {
        Text = text;
        Managed = managed;
        Changed = changed;
    }

    /// <summary>The whole new document: indented JSON with a final newline.</summary>
    public string Text { get; }

    /// <summary>The keys this host manages after the merge, sorted; what to pass as previously managed next time.</summary>
    public IReadOnlyList<ManagedEntry> Managed { get; }

    /// <summary>False when the merge changed nothing in the document's content, so there is nothing to write.</summary>
    public bool Changed { get; }

    public override string ToString() => $"{Managed.Count} managed key(s), {(Changed ? "changed" : "unchanged")}";
}
