using System.Text.Json;
using SkillsOrleans.RuntimeHost.Secrets;

namespace SkillsOrleans.UnitTests.Secrets;

/// <summary>What the store leaves on disk: mode, layout, atomic replacement, pruning, and reading it back.</summary>
public sealed class HostSecretStoreFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string SecretPath => _temp.Combine("host", "runtime-secrets.json");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_missing_file_is_an_empty_ready_store_and_nothing_is_created_until_a_write()
    {
        using var store = await HostSecretStore.OpenAsync(SecretPath);

        Assert.Equal(new SecretStoreStatus(SecretStoreState.Ready, SecretPath, 0, null), store.Status);
        Assert.Empty(store.ListAddresses());
        Assert.False(Directory.Exists(Path.GetDirectoryName(SecretPath)));
    }

    [Fact]
    public async Task The_file_is_created_0600_in_a_0700_directory()
    {
        using var store = await HostSecretStore.OpenAsync(SecretPath);

        await store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), "trello-secret");

        Assert.Equal(SecretFiles.Private, File.GetUnixFileMode(SecretPath));
        Assert.Equal(SecretFiles.Private, File.GetUnixFileMode(store.FingerprintKeyPath));
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(Path.GetDirectoryName(SecretPath)!));
    }

    [Fact]
    public async Task Values_sit_at_the_json_pointer_openclaw_resolves()
    {
        const string pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\r\n\tAmIwggJeAgEAAoGBAL+/=\n-----END PRIVATE KEY-----\n";
        using var store = await HostSecretStore.OpenAsync(SecretPath);

        await store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), "trello-secret");
        await store.SetAsync(new("demo", "openai-whisper-api", "OPENAI_API_KEY"), "sk-test+/=é");
        await store.SetAsync(new("other", "gh.app_v2", "GITHUB_APP_KEY"), pem);

        using var document = JsonDocument.Parse(File.ReadAllBytes(SecretPath));
        Assert.Equal("trello-secret", document.RootElement.GetProperty("demo").GetProperty("trello").GetProperty("TRELLO_API_KEY").GetString());
        Assert.Equal("sk-test+/=é", SecretFiles.ResolvePointer(SecretPath, "/demo/openai-whisper-api/OPENAI_API_KEY"));
        Assert.Equal(pem, SecretFiles.ResolvePointer(SecretPath, "/other/gh.app_v2/GITHUB_APP_KEY"));
        Assert.Equal(
            ["/demo/openai-whisper-api/OPENAI_API_KEY", "/demo/trello/TRELLO_API_KEY", "/other/gh.app_v2/GITHUB_APP_KEY"],
            store.ListAddresses().Select(r => r.JsonPointer));
    }

    [Fact]
    public async Task The_file_is_written_in_sorted_order_whatever_order_values_arrive_in()
    {
        using var first = await HostSecretStore.OpenAsync(SecretPath);
        await first.SetAsync(new("zeta", "b", "KEY"), "1");
        await first.SetAsync(new("alpha", "b", "KEY"), "2");
        await first.SetAsync(new("alpha", "a", "KEY_B"), "3");
        await first.SetAsync(new("alpha", "a", "KEY_A"), "4");
        var text = File.ReadAllText(SecretPath);

        Assert.True(text.IndexOf("\"alpha\"", StringComparison.Ordinal) < text.IndexOf("\"zeta\"", StringComparison.Ordinal));
        Assert.True(text.IndexOf("\"a\"", StringComparison.Ordinal) < text.IndexOf("\"b\"", StringComparison.Ordinal));
        Assert.True(text.IndexOf("KEY_A", StringComparison.Ordinal) < text.IndexOf("KEY_B", StringComparison.Ordinal));
        Assert.Contains('\n', text);
    }

    [Fact]
    public async Task A_replace_installs_a_new_single_linked_file_and_leaves_no_temp_files()
    {
        using var store = await HostSecretStore.OpenAsync(SecretPath);
        await store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), "v1");
        var before = SecretFiles.Facts(SecretPath);

        await store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), "v2");
        // Compared across one replace only: the new file exists while the old one still does, so their inodes differ;
        // after several, the file system may hand the first inode number out again.
        var replaced = SecretFiles.Facts(SecretPath);
        await store.SetAsync(new("demo", "trello", "TRELLO_TOKEN"), "t1");
        await store.RemoveAsync(new("demo", "trello", "TRELLO_TOKEN"));
        var after = SecretFiles.Facts(SecretPath);

        Assert.NotEqual(before.Identity.Inode, replaced.Identity.Inode); // a new file renamed over, not rewritten in place
        Assert.Equal(1u, after.LinkCount);
        Assert.Equal(SecretFiles.Private, File.GetUnixFileMode(SecretPath));
        Assert.Equal(
            [Path.GetFileName(SecretPath), Path.GetFileName(store.FingerprintKeyPath)],
            Directory.GetFileSystemEntries(Path.GetDirectoryName(SecretPath)!).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("v2", SecretFiles.ResolvePointer(SecretPath, "/demo/trello/TRELLO_API_KEY"));
    }

    [Fact]
    public async Task Remove_revokes_the_value_and_prunes_empty_skills_and_accounts()
    {
        using var store = await HostSecretStore.OpenAsync(SecretPath);
        await store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), "k");
        await store.SetAsync(new("demo", "trello", "TRELLO_TOKEN"), "t");
        await store.SetAsync(new("demo", "github", "GH_TOKEN"), "g");
        await store.SetAsync(new("other", "trello", "TRELLO_API_KEY"), "o");

        Assert.True(await store.RemoveAsync(new("demo", "github", "GH_TOKEN")));
        Assert.True(await store.RemoveAsync(new("other", "trello", "TRELLO_API_KEY")));
        Assert.False(await store.RemoveAsync(new("other", "trello", "TRELLO_API_KEY")));

        using (var document = JsonDocument.Parse(File.ReadAllBytes(SecretPath)))
        {
            Assert.False(document.RootElement.TryGetProperty("other", out _));
            Assert.False(document.RootElement.GetProperty("demo").TryGetProperty("github", out _));
            Assert.Equal("t", SecretFiles.ResolvePointer(SecretPath, "/demo/trello/TRELLO_TOKEN"));
        }

        await store.RemoveAsync(new("demo", "trello", "TRELLO_API_KEY"));
        await store.RemoveAsync(new("demo", "trello", "TRELLO_TOKEN"));

        using var empty = JsonDocument.Parse(File.ReadAllBytes(SecretPath));
        Assert.Empty(empty.RootElement.EnumerateObject());
        Assert.False(store.Contains(new("demo", "trello", "TRELLO_TOKEN")));
        Assert.Equal(0, store.Status.Entries);
    }

    [Fact]
    public async Task A_reopened_store_reads_the_values_already_on_disk()
    {
        using (var first = await HostSecretStore.OpenAsync(SecretPath))
        {
            await first.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), "persisted");
            await first.SetAsync(new("demo", "github", "GH_TOKEN"), "also");
        }

        using var reopened = await HostSecretStore.OpenAsync(SecretPath);

        Assert.Equal(SecretStoreState.Ready, reopened.Status.State);
        Assert.Equal(2, reopened.Status.Entries);
        Assert.True(reopened.TryGet(new("demo", "trello", "TRELLO_API_KEY"), out var value));
        Assert.Equal("persisted", value);
        Assert.True(reopened.Contains(new("demo", "github", "GH_TOKEN")));
        Assert.False(reopened.Contains(new("demo", "github", "OTHER_TOKEN")));
    }

    [Fact]
    public async Task A_hand_edit_made_while_the_store_runs_is_kept_by_the_next_write()
    {
        using var store = await HostSecretStore.OpenAsync(SecretPath);
        await store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), "from-store");

        SecretFiles.WritePrivate(SecretPath, """{ "demo": { "trello": { "TRELLO_API_KEY": "from-store" }, "manual": { "MANUAL_KEY": "by-hand" } } }""");
        await store.SetAsync(new("demo", "github", "GH_TOKEN"), "later");

        Assert.Equal("by-hand", SecretFiles.ResolvePointer(SecretPath, "/demo/manual/MANUAL_KEY"));
        Assert.Equal("later", SecretFiles.ResolvePointer(SecretPath, "/demo/github/GH_TOKEN"));
        Assert.True(store.Contains(new("demo", "manual", "MANUAL_KEY")));
    }
}
