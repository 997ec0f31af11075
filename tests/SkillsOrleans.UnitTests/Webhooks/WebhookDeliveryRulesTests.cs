using System.Net;
using System.Net.Sockets;
using SkillsOrleans.Grains.Webhooks;

namespace SkillsOrleans.UnitTests.Webhooks;

/// <summary>Where webhooks may go: the URL's form, the addresses it leads to, and a real connection refused before it is made.</summary>
public sealed class WebhookDeliveryRulesTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("skillsorleans-webhooks-");

    public void Dispose() => _root.Delete(recursive: true);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.20.0.1")]
    [InlineData("192.168.1.10")]
    [InlineData("169.254.169.254")] // cloud metadata
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]
    public void Loopback_private_and_link_local_addresses_are_not_public(string address) =>
        Assert.False(PublicNetworkAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("1.1.1.1")]
    [InlineData("2606:4700:4700::1111")]
    public void Internet_addresses_are_public(string address) =>
        Assert.True(PublicNetworkAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://hooks.example.com/x", false)]
    [InlineData("ftp://hooks.example.com/x", true)]
    [InlineData("https://user:secret@hooks.example.com/x", true)]
    [InlineData("https://hooks.example.com/x#part", true)]
    [InlineData("/relative/path", true)]
    public void A_url_must_be_https_or_http_where_allowed_without_user_info(string url, bool allowHttp) =>
        Assert.Throws<ArgumentException>(() => WebhookTarget.Parse(url, allowHttp));

    [Fact]
    public void What_is_shown_of_a_url_is_its_scheme_host_and_port()
    {
        var url = WebhookTarget.Parse("https://hooks.example.com:8443/services/T000/B000/token-of-the-receiver?x=1", allowHttp: false);

        Assert.Equal("https://hooks.example.com:8443", WebhookTarget.Redacted(url));
    }

    [Fact]
    public async Task A_receiver_on_a_loopback_port_gets_no_connection_unless_private_networks_are_allowed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/hook");
        using var key = WebhookSigningKey.LoadOrCreate(Path.Combine(_root.FullName, "key.pem"));
        using var sender = new WebhookSender(new WebhookOptions { AllowHttp = true, AllowPrivateNetworks = false }, key);

        var problem = await sender.SendAsync(url, "audit-1", 1_700_000_000, "{}", CancellationToken.None);

        Assert.Contains("loopback, private or link-local", problem, StringComparison.Ordinal);
        Assert.False(listener.Pending(), "the sender must not have connected");
    }

    [Fact]
    public void The_signing_key_is_created_private_and_read_back_the_same()
    {
        var path = Path.Combine(_root.FullName, "keys", "webhook.pem");

        string kid;
        using (var created = WebhookSigningKey.LoadOrCreate(path))
        {
            kid = created.KeyId;
        }

        using var read = WebhookSigningKey.LoadOrCreate(path);
        Assert.Equal(kid, read.KeyId);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Contains($"\"kid\":\"{kid}\"", read.JsonWebKeySet(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"d\"", read.JsonWebKeySet(), StringComparison.Ordinal);
    }
}
