using System.Text.RegularExpressions;
using SkillsOrleans.RuntimeHost.Secrets;

namespace SkillsOrleans.UnitTests.Secrets;

/// <summary>Fingerprints are keyed per host: stable on one host, unrelated across hosts, never the value.</summary>
public sealed partial class HostSecretFingerprintTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [GeneratedRegex("^hmac-sha256:[A-Za-z0-9_-]{22}\\z")]
    private static partial Regex FingerprintShape();

    [GeneratedRegex("^[A-Za-z0-9:_-]{1,128}\\z")]
    private static partial Regex ContractFingerprint();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_fingerprint_is_stable_for_one_value_and_host_key_and_has_the_contract_shape()
    {
        var path = _temp.Combine("host", "runtime-secrets.json");
        string first;
        using (var store = await HostSecretStore.OpenAsync(path))
        {
            first = await store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), "same-value");
            Assert.Equal(first, await store.FingerprintAsync("same-value"));
            Assert.NotEqual(first, await store.FingerprintAsync("other-value"));
        }

        using var reopened = await HostSecretStore.OpenAsync(path);

        Assert.Equal(first, await reopened.FingerprintAsync("same-value"));
        Assert.Matches(FingerprintShape(), first);
        Assert.Matches(ContractFingerprint(), first);
        Assert.DoesNotContain("same-value", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hosts_with_different_keys_give_the_same_value_different_fingerprints()
    {
        using var hostA = await HostSecretStore.OpenAsync(_temp.Combine("a", "runtime-secrets.json"));
        using var hostB = await HostSecretStore.OpenAsync(_temp.Combine("b", "runtime-secrets.json"));

        var a = await hostA.FingerprintAsync("shared-value");
        var b = await hostB.FingerprintAsync("shared-value");

        Assert.NotEqual(a, b);
        Assert.NotEqual(File.ReadAllBytes(hostA.FingerprintKeyPath), File.ReadAllBytes(hostB.FingerprintKeyPath));
    }

    [Fact]
    public async Task The_host_key_is_32_private_bytes_created_once()
    {
        var path = _temp.Combine("runtime-secrets.json");
        using var first = await HostSecretStore.OpenAsync(path);
        await first.FingerprintAsync("x");
        var key = File.ReadAllBytes(first.FingerprintKeyPath);
        var inode = SecretFiles.Facts(first.FingerprintKeyPath).Identity.Inode;

        using var second = await HostSecretStore.OpenAsync(path);
        await second.FingerprintAsync("x");

        Assert.Equal(HostSecretStore.FingerprintKeyPathFor(path), first.FingerprintKeyPath);
        Assert.Equal(32, key.Length);
        Assert.Equal(SecretFiles.Private, File.GetUnixFileMode(first.FingerprintKeyPath));
        Assert.Equal(key, File.ReadAllBytes(first.FingerprintKeyPath));
        Assert.Equal(inode, SecretFiles.Facts(first.FingerprintKeyPath).Identity.Inode);
    }

    [Fact]
    public async Task Concurrent_first_uses_agree_on_one_key()
    {
        var path = _temp.Combine("runtime-secrets.json");
        var stores = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => HostSecretStore.OpenAsync(path)));
        try
        {
            var fingerprints = await Task.WhenAll(stores.Select(store => Task.Run(() => store.FingerprintAsync("v"))));

            Assert.Single(fingerprints.Distinct());
            Assert.Equal([stores[0].FingerprintKeyPath], Directory.GetFileSystemEntries(_temp.Path)); // no temp files
        }
        finally
        {
            foreach (var store in stores)
            {
                store.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_refused_key_file_stops_writes_before_the_secret_file_is_touched()
    {
        var path = _temp.Combine("runtime-secrets.json");
        SecretFiles.WritePrivate(HostSecretStore.FingerprintKeyPathFor(path), "too short");
        using var store = await HostSecretStore.OpenAsync(path);

        var error = await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), "v"));

        Assert.Equal(store.FingerprintKeyPath, error.Path);
        Assert.Contains("exactly 32", error.Reason, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task A_key_file_open_to_others_is_refused()
    {
        var path = _temp.Combine("runtime-secrets.json");
        using (var store = await HostSecretStore.OpenAsync(path))
        {
            await store.FingerprintAsync("x");
        }

        File.SetUnixFileMode(HostSecretStore.FingerprintKeyPathFor(path), SecretFiles.Private | UnixFileMode.GroupRead);
        using var reopened = await HostSecretStore.OpenAsync(path);

        await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => reopened.FingerprintAsync("x"));
    }
}
