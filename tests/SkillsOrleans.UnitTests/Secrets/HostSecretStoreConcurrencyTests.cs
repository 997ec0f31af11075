using SkillsOrleans.RuntimeHost.Secrets;

namespace SkillsOrleans.UnitTests.Secrets;

/// <summary>Writes are serialized: concurrent callers never overwrite each other's changes.</summary>
public sealed class HostSecretStoreConcurrencyTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Fifty_parallel_sets_of_different_keys_all_reach_the_file()
    {
        var path = _temp.Combine("runtime-secrets.json");
        using var store = await HostSecretStore.OpenAsync(path);
        var keys = Enumerable.Range(0, 50).Select(i => (Skill: $"skill-{i % 5}", Key: $"KEY_{i:D2}", Value: $"value-{i}")).ToList();

        await Task.WhenAll(keys.Select(k => Task.Run(() => store.SetAsync(new("demo", k.Skill, k.Key), k.Value))));

        Assert.Equal(50, store.Status.Entries);
        Assert.All(keys, k => Assert.Equal(k.Value, SecretFiles.ResolvePointer(path, $"/demo/{k.Skill}/{k.Key}")));
        using var reopened = await HostSecretStore.OpenAsync(path);
        Assert.Equal(50, reopened.ListAddresses().Count);
        Assert.Empty(Directory.GetFiles(_temp.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Parallel_sets_and_removes_leave_exactly_the_surviving_keys()
    {
        var path = _temp.Combine("runtime-secrets.json");
        using var store = await HostSecretStore.OpenAsync(path);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => store.SetAsync(new("demo", "skill", $"KEY_{i:D2}"), $"v{i}")));

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => i % 2 == 0
            ? store.RemoveAsync(new("demo", "skill", $"KEY_{i:D2}"))
            : store.SetAsync(new("demo", "skill", $"KEY_{i:D2}"), $"w{i}"))));

        using var reopened = await HostSecretStore.OpenAsync(path);
        Assert.Equal(
            Enumerable.Range(0, 20).Where(i => i % 2 == 1).Select(i => $"demo/skill/KEY_{i:D2}"),
            reopened.ListAddresses().Select(r => r.ToString()));
        Assert.All(Enumerable.Range(0, 20).Where(i => i % 2 == 1), i => Assert.Equal($"w{i}", SecretFiles.ResolvePointer(path, $"/demo/skill/KEY_{i:D2}")));
    }
}
