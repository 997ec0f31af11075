using Microsoft.Extensions.Configuration;
using SkillsOrleans.ClientHosting.Security;

namespace SkillsOrleans.UnitTests.ClusterSecurity;

/// <summary>When a process may run without cluster TLS: in Development, or when plain TCP is asked for by name.</summary>
public sealed class ClusterTlsSettingsTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Outside_development_no_settings_stop_the_process_with_what_to_set()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ClusterTlsSettings.Required(Settings(), "Production", "silo"));

        Assert.Contains("Orleans__Tls__Certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Development_or_plain_tcp_by_name_runs_without_tls()
    {
        Assert.Null(ClusterTlsSettings.Required(Settings(), "Development", "silo"));
        Assert.Null(ClusterTlsSettings.Required(Settings(("Orleans:Tls:AllowPlaintext", "true")), "Production", "API"));
    }

    [Fact]
    public void Half_the_settings_or_plain_tcp_beside_certificates_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => ClusterTlsSettings.From(Settings(("Orleans:Tls:Certificate", "/c.pem"))));
        Assert.Throws<InvalidOperationException>(() => ClusterTlsSettings.Required(
            Settings(("Orleans:Tls:Certificate", "/c.pem"), ("Orleans:Tls:PrivateKey", "/c.key"), ("Orleans:Tls:Authority", "/ca.pem"), ("Orleans:Tls:AllowPlaintext", "true")),
            "Production", "silo"));
    }
}
