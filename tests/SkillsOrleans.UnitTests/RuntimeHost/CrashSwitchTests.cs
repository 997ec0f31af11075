using SkillsOrleans.RuntimeHost.Diagnostics;

namespace SkillsOrleans.UnitTests.RuntimeHost;

/// <summary>The crash tests' switch: off unless named, only the named points, and the chance honoured.</summary>
public sealed class CrashSwitchTests
{
    [Fact]
    public void Unset_or_blank_arms_nothing()
    {
        Assert.Null(CrashPoints.CrashSwitch.Parse(null, null));
        Assert.Null(CrashPoints.CrashSwitch.Parse("  ", "1"));
        Assert.False(CrashPoints.Armed); // the test process itself never has it set
    }

    [Fact]
    public void Only_the_listed_points_fire_and_a_star_arms_them_all()
    {
        var listed = CrashPoints.CrashSwitch.Parse($"{CrashPoints.HostAfterSecretFile}, {CrashPoints.CredentialAfterSave}", null)!;
        var all = CrashPoints.CrashSwitch.Parse("*", null)!;

        Assert.True(listed.Fires(CrashPoints.HostAfterSecretFile));
        Assert.True(listed.Fires(CrashPoints.CredentialAfterSave));
        Assert.False(listed.Fires(CrashPoints.HostAfterConfig));
        Assert.All(CrashPoints.All, point => Assert.True(all.Fires(point)));
    }

    [Fact]
    public void The_chance_is_honoured_and_clamped()
    {
        var never = CrashPoints.CrashSwitch.Parse("*", "0")!;
        var half = CrashPoints.CrashSwitch.Parse("*", "0.5")!;
        var clamped = CrashPoints.CrashSwitch.Parse("*", "7")!;

        Assert.DoesNotContain(Enumerable.Range(0, 1000), _ => never.Fires(CrashPoints.HostAfterConfig));
        var fired = Enumerable.Range(0, 4000).Count(_ => half.Fires(CrashPoints.HostAfterConfig));
        Assert.InRange(fired, 1600, 2400);
        Assert.Equal(1, clamped.Chance);
    }
}
