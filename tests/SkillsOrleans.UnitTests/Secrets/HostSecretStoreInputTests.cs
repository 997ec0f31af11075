using SkillsOrleans.RuntimeHost.Secrets;

namespace SkillsOrleans.UnitTests.Secrets;

/// <summary>Names follow the shared grammars; values are bounded text; a refusal never quotes the value.</summary>
public sealed class HostSecretStoreInputTests : IDisposable
{
    private const string Canary = "CANARY-b21e77";
    private readonly TempDirectory _temp = new();

    private string SecretPath => _temp.Combine("runtime-secrets.json");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("\0")]
    [InlineData("\u0001")]
    [InlineData("\u001b[31m")]
    [InlineData("\u007f")]
    [InlineData("\u0085")]
    [InlineData("\f")]
    [InlineData("\v")]
    public async Task Control_characters_other_than_line_breaks_and_tab_are_refused_without_quoting_the_value(string control)
    {
        using var store = await HostSecretStore.OpenAsync(SecretPath);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), Canary + control + Canary));

        Assert.Contains("control character", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(SecretPath));
    }

    [Fact]
    public async Task Values_up_to_16_KiB_of_UTF8_are_accepted_and_longer_ones_refused_without_quoting_them()
    {
        using var store = await HostSecretStore.OpenAsync(SecretPath);

        await store.SetAsync(new("demo", "big", "EXACT"), new string('a', 16 * 1024));
        var tooLong = await Assert.ThrowsAsync<ArgumentException>(() => store.SetAsync(new("demo", "big", "ASCII"), Canary + new string('a', 16 * 1024)));
        var tooManyBytes = await Assert.ThrowsAsync<ArgumentException>(() => store.SetAsync(new("demo", "big", "WIDE"), Canary + new string('é', 8 * 1024)));

        Assert.DoesNotContain(Canary, tooLong.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, tooManyBytes.ToString(), StringComparison.Ordinal);
        Assert.Contains("16384 bytes", tooManyBytes.Message, StringComparison.Ordinal);
        Assert.Equal(["demo/big/EXACT"], store.ListAddresses().Select(r => r.ToString()));
    }

    [Fact]
    public async Task Unpaired_surrogates_and_empty_values_are_refused()
    {
        using var store = await HostSecretStore.OpenAsync(SecretPath);

        var surrogate = await Assert.ThrowsAsync<ArgumentException>(() => store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), Canary + "\ud800"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), ""));

        Assert.DoesNotContain(Canary, surrogate.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(SecretPath));
    }

    [Fact]
    public async Task Line_breaks_and_tabs_are_kept_exactly()
    {
        const string value = "line1\nline2\r\n\tindented\n";
        using var store = await HostSecretStore.OpenAsync(SecretPath);

        await store.SetAsync(new("demo", "pem", "PRIVATE_KEY"), value);

        Assert.Equal(value, SecretFiles.ResolvePointer(SecretPath, "/demo/pem/PRIVATE_KEY"));
    }

    [Theory]
    [InlineData("Demo", "trello", "KEY")]
    [InlineData("-demo", "trello", "KEY")]
    [InlineData("demo/x", "trello", "KEY")]
    [InlineData("demo", "..", "KEY")]
    [InlineData("demo", "a..b", "KEY")]
    [InlineData("demo", ".hidden", "KEY")]
    [InlineData("demo", "tre/llo", "KEY")]
    [InlineData("demo", "tre~llo", "KEY")]
    [InlineData("demo", "trello", "lower")]
    [InlineData("demo", "trello", "1KEY")]
    [InlineData("demo", "trello", "KEY-NAME")]
    [InlineData("demo", "trello", "")]
    public async Task Names_outside_the_grammars_are_refused(string account, string skillKey, string keyName)
    {
        using var store = await HostSecretStore.OpenAsync(SecretPath);

        await Assert.ThrowsAsync<ArgumentException>(() => store.SetAsync(new(account, skillKey, keyName), "v"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.RemoveAsync(new(account, skillKey, keyName)));
        Assert.Throws<ArgumentException>(() => store.Contains(new(account, skillKey, keyName)));
        Assert.False(File.Exists(SecretPath));
    }

    [Fact]
    public async Task Nothing_the_store_renders_or_logs_contains_a_value()
    {
        var log = new CollectingLogger();
        using var store = await HostSecretStore.OpenAsync(SecretPath, log);

        var fingerprint = await store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), Canary);
        await store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), Canary + "-rotated");
        await store.RemoveAsync(new("demo", "trello", "TRELLO_API_KEY"));
        await store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), Canary);

        var rendered = string.Join('\n', [store.ToString(), store.Status.ToString(), .. store.ListAddresses().Select(r => r.ToString()), .. log.Lines]);
        Assert.DoesNotContain(Canary, rendered, StringComparison.Ordinal);
        Assert.Contains(fingerprint, rendered, StringComparison.Ordinal);
        Assert.Contains("demo/trello/TRELLO_API_KEY", rendered, StringComparison.Ordinal);
    }
}
