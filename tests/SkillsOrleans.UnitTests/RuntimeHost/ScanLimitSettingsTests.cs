using Microsoft.Extensions.Configuration;
using SkillsOrleans.Hosting.Configuration;
using SkillsOrleans.RuntimeHost.Requests;
using SkillsOrleans.RuntimeHost.Skills;

namespace SkillsOrleans.UnitTests.RuntimeHost;

/// <summary>REQUEST_FILES_PER_SCAN, SKILL_FOLDERS_PER_SCAN, SKILL_RESCAN_BACKSTOP and REQUEST_FILE_RETENTION as a runtime silo reads them from its environment.</summary>
public sealed class ScanLimitSettingsTests
{
    private static IConfiguration Environment(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["RUNTIME_ID"] = "demo-runtime-1", ["RUNTIME_ACCOUNT"] = "demo" }
                .Concat(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))).Build();

    [Fact]
    public void Unset_limits_are_the_defaults()
    {
        var options = RuntimeHostSettings.From(Environment())!;

        Assert.Equal(
            (CredentialRequestInbox.DefaultMaxFilesPerTake, SkillCatalogScanner.DefaultMaxFoldersPerScan),
            (options.MaxRequestFilesPerScan, options.MaxSkillFoldersPerScan));
        Assert.Equal((100, 2000), (options.MaxRequestFilesPerScan, options.MaxSkillFoldersPerScan));
        Assert.Equal(TimeSpan.FromMinutes(10), options.SkillRescanBackstop);
    }

    [Fact]
    public void Set_limits_are_used()
    {
        var options = RuntimeHostSettings.From(Environment(("REQUEST_FILES_PER_SCAN", "25"), ("SKILL_FOLDERS_PER_SCAN", "400")))!;

        Assert.Equal((25, 400), (options.MaxRequestFilesPerScan, options.MaxSkillFoldersPerScan));
    }

    [Fact]
    public void The_rescan_backstop_is_read_in_seconds_or_as_a_time_span()
    {
        Assert.Equal(TimeSpan.FromSeconds(90), RuntimeHostSettings.From(Environment(("SKILL_RESCAN_BACKSTOP", "90")))!.SkillRescanBackstop);
        Assert.Equal(TimeSpan.FromHours(1), RuntimeHostSettings.From(Environment(("SKILL_RESCAN_BACKSTOP", "01:00:00")))!.SkillRescanBackstop);
        var error = Assert.Throws<InvalidOperationException>(() => RuntimeHostSettings.From(Environment(("SKILL_RESCAN_BACKSTOP", "soon"))));
        Assert.Contains("SKILL_RESCAN_BACKSTOP", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Filed_requests_are_kept_30_days_unless_told_otherwise_and_off_keeps_them_for_ever()
    {
        Assert.Equal(TimeSpan.FromDays(30), RuntimeHostSettings.From(Environment())!.RequestFileRetention);
        Assert.Equal(TimeSpan.FromDays(7), RuntimeHostSettings.From(Environment(("REQUEST_FILE_RETENTION", "7.00:00:00")))!.RequestFileRetention);
        Assert.Equal(Timeout.InfiniteTimeSpan, RuntimeHostSettings.From(Environment(("REQUEST_FILE_RETENTION", "off")))!.RequestFileRetention);
        var error = Assert.Throws<InvalidOperationException>(() => RuntimeHostSettings.From(Environment(("REQUEST_FILE_RETENTION", "a month"))));
        Assert.Contains("REQUEST_FILE_RETENTION", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("REQUEST_FILES_PER_SCAN", "0")]
    [InlineData("REQUEST_FILES_PER_SCAN", "-5")]
    [InlineData("SKILL_FOLDERS_PER_SCAN", "lots")]
    [InlineData("SKILL_FOLDERS_PER_SCAN", "1000001")]
    public void A_limit_that_is_not_a_whole_number_in_range_stops_the_silo(string name, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => RuntimeHostSettings.From(Environment((name, value))));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}
