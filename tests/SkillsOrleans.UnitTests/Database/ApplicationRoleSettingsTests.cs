using Microsoft.Extensions.Configuration;
using SkillsOrleans.Hosting.Database;

namespace SkillsOrleans.UnitTests.Database;

public sealed class ApplicationRoleSettingsTests
{
    private const string Password = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void Neither_setting_means_no_application_role()
    {
        Assert.Null(ApplicationRoleSettings.From(Configuration()));
    }

    [Fact]
    public void Both_settings_give_the_role_and_printing_it_never_shows_the_password()
    {
        var settings = ApplicationRoleSettings.From(Configuration(("Database:ApplicationRole", "skillsorleans_app"), ("Database:ApplicationRolePassword", Password)));

        Assert.Equal(new ApplicationRoleSettings("skillsorleans_app", Password), settings);
        Assert.DoesNotContain(Password, settings!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("skillsorleans_app", null, "Set both")]
    [InlineData(null, Password, "Set both")]
    [InlineData("Robert\"; DROP TABLE x; --", Password, "must match")]
    [InlineData("pg_monitor", Password, "must match")]
    [InlineData("skillsorleans_app", "short", "at least 16")]
    [InlineData("skillsorleans_app", "0123456789abcdef\n", "at least 16")]
    public void Half_a_setting_an_unsafe_name_or_a_weak_password_is_refused_before_anything_runs(string? role, string? password, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ApplicationRoleSettings.From(Configuration(("Database:ApplicationRole", role), ("Database:ApplicationRolePassword", password))));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        if (password is not null)
        {
            Assert.DoesNotContain(password, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_runtime_role_has_settings_of_its_own_with_the_same_rules()
    {
        var both = Configuration(
            ("Database:ApplicationRole", "skillsorleans_app"), ("Database:ApplicationRolePassword", Password),
            ("Database:RuntimeRole", "skillsorleans_runtime"), ("Database:RuntimeRolePassword", Password + "-runtime"));

        Assert.Equal(new ApplicationRoleSettings("skillsorleans_runtime", Password + "-runtime"), ApplicationRoleSettings.ForRuntimeSilos(both));
        Assert.Equal("skillsorleans_app", ApplicationRoleSettings.From(both)!.Role);
        Assert.Null(ApplicationRoleSettings.ForRuntimeSilos(Configuration(("Database:ApplicationRole", "skillsorleans_app"), ("Database:ApplicationRolePassword", Password))));
        var half = Assert.Throws<InvalidOperationException>(() => ApplicationRoleSettings.ForRuntimeSilos(Configuration(("Database:RuntimeRole", "skillsorleans_runtime"))));
        Assert.Contains("Database__RuntimeRolePassword", half.Message, StringComparison.Ordinal);
        var weak = Assert.Throws<InvalidOperationException>(() =>
            ApplicationRoleSettings.ForRuntimeSilos(Configuration(("Database:RuntimeRole", "skillsorleans_runtime"), ("Database:RuntimeRolePassword", "short"))));
        Assert.Contains("Database:RuntimeRolePassword must be at least 16", weak.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
