namespace SkillsOrleans.Grains;

/// <summary>
/// Names one version of what a grain activation holds, for readers that keep the last answer: a random part drawn per
/// activation (so a new activation, which may hold something else, never repeats an earlier tag) and a count of the
/// changes made since.
/// </summary>
public readonly record struct ChangeTag(Guid Activation, long Changes)
{
    public static ChangeTag New() => new(Guid.NewGuid(), 0);

    public ChangeTag Next() => this with { Changes = Changes + 1 };

    public override string ToString() => $"{Activation:N}.{Changes}";
}
