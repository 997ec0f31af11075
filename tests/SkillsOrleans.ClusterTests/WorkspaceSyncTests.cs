using System.Diagnostics;
using System.Text.Json;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Model.Skills;
using SkillsOrleans.Testing;
using static SkillsOrleans.ClusterTests.FleetTestCluster;

namespace SkillsOrleans.ClusterTests;

/// <summary>The runtime grain's workspace loop on a live cluster: skills in, catalog out; request files in, pending credentials out.</summary>
[Collection(PostgresCollection.Name)]
public sealed class WorkspaceSyncTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string TrelloSkill = """
        ---
        name: trello
        description: "Manage Trello boards."
        metadata:
          { "openclaw": { "emoji": "📋", "requires": { "bins": ["curl"], "env": ["TRELLO_API_KEY", "TRELLO_TOKEN"] } } }
        ---
        # Trello
        """;

    private FleetTestCluster _fleet = null!;

    private string Workspace => _fleet.Workspace(RuntimeOne);

    private string _database = null!;

    public async Task InitializeAsync()
    {
        _database = await postgres.CreateMigratedDatabaseAsync("workspace");
        _fleet = await StartAsync(_database);
    }

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task A_skill_written_to_the_workspace_is_published_within_about_a_second_and_removing_it_unpublishes_it()
    {
        await WaitForCatalogAsync(skills => skills.Count == 0);

        var timer = Stopwatch.StartNew();
        WriteSkill("trello-folder", TrelloSkill);
        var catalog = await WaitForCatalogAsync(skills => skills.Count == 1);
        timer.Stop();

        var trello = Assert.Single(catalog);
        Assert.Equal(("trello", "trello-folder", "📋"), (trello.SkillKey, trello.Folder, trello.Emoji));
        Assert.Equal(["TRELLO_API_KEY", "TRELLO_TOKEN"], trello.Requires.Env);
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(3), $"took {timer.Elapsed}");

        Directory.Delete(Path.Combine(Workspace, "skills", "trello-folder"), recursive: true);
        await WaitForCatalogAsync(skills => skills.Count == 0);

        Assert.Equal(
            "skill.installed system trello in trello-folder;skill.removed system trello in trello-folder",
            await SkillActivityAsync());
    }

    [Fact]
    public async Task Many_skills_installed_at_once_are_one_activity_row_naming_them()
    {
        foreach (var n in Enumerable.Range(1, SkillsOrleans.Grains.Catalogs.SkillInstallAudit.RowsPerSkillUpTo + 2))
        {
            WriteSkill($"skill-{n:00}", $"---\nname: skill-{n:00}\ndescription: number {n}\n---\n");
        }

        await WaitForCatalogAsync(skills => skills.Count == 12);

        // The scan may see the folders in more than one pass; every skill is named exactly once either way. A pass that
        // found only a few writes a row per skill, naming its folder too ("skill-01 in skill-01"): one name per row.
        var rows = (await SkillActivityAsync()).Split(';');
        Assert.All(rows, row => Assert.StartsWith("skill.installed system ", row, StringComparison.Ordinal));
        var named = rows.SelectMany(row => System.Text.RegularExpressions.Regex.Matches(row, @"skill-\d\d").Select(m => m.Value).Distinct()).Order();
        Assert.Equal(Enumerable.Range(1, 12).Select(n => $"skill-{n:00}"), named);
    }

    [Fact]
    public async Task A_broken_skill_is_listed_with_its_error_and_the_others_still_sync()
    {
        WriteSkill("broken", "no frontmatter here");
        WriteSkill("trello", TrelloSkill);

        var catalog = await WaitForCatalogAsync(skills => skills.Count == 2);

        Assert.Contains(catalog, s => s.SkillKey == "trello" && s.ParseError is null);
        Assert.Contains(catalog, s => s.Folder == "broken" && s.ParseError!.Contains("frontmatter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_file_becomes_one_pending_credential_however_often_it_is_sent()
    {
        WriteSkill("trello", TrelloSkill);
        await WaitForCatalogAsync(skills => skills.Count == 1);

        WriteRequest("first.json", new { skill = "trello", key = "TRELLO_TOKEN", agentId = "main", reason = "read the sprint board" });
        WriteRequest("again.json", new { skill = "trello", key = "TRELLO_TOKEN", agentId = "main", reason = "still need it" });
        await Eventually.TrueAsync(() => Task.FromResult(Directory.GetFiles(Path.Combine(RequestsDir, "processed")).Length == 2));

        var pending = Assert.Single(await _fleet.Account(AccountOne).ListCredentialsAsync(CredentialStatus.Pending));
        Assert.Equal($"{AccountOne}/{RuntimeOne}/trello/TRELLO_TOKEN", pending.CredentialRef);
        Assert.Equal("main", pending.RequestedByAgent);
        Assert.Empty(Directory.GetFiles(RequestsDir, "*.json"));
    }

    [Theory]
    [InlineData("nope", "TRELLO_TOKEN", "unknown_skill")]
    [InlineData("trello", "OPENAI_API_KEY", "undeclared_key")]
    public async Task A_request_the_workspace_cannot_honour_is_set_aside_with_its_reason(string skill, string key, string code)
    {
        WriteSkill("trello", TrelloSkill);
        await WaitForCatalogAsync(skills => skills.Count == 1);

        WriteRequest("bad.json", new { skill, key });
        await Eventually.TrueAsync(() => Task.FromResult(Directory.GetFiles(Path.Combine(RequestsDir, "failed"), "*.error.json").Length == 1));

        var error = File.ReadAllText(Directory.GetFiles(Path.Combine(RequestsDir, "failed"), "*.error.json").Single());
        Assert.Equal(code, JsonDocument.Parse(error).RootElement.GetProperty("code").GetString());
        Assert.Empty(await _fleet.Account(AccountOne).ListCredentialsAsync(null));
        var health = await _fleet.Runtime(RuntimeOne).GetHealthAsync();
        Assert.Equal(1, health.SkillSync.FailedRequests);
        Assert.True(health.SkillSync.Running);
    }

    [Fact]
    public async Task A_request_while_the_accounts_skills_feature_is_off_is_set_aside_as_refused_and_one_after_it_is_on_again_is_taken()
    {
        WriteSkill("trello", TrelloSkill);
        await WaitForCatalogAsync(skills => skills.Count == 1);
        await _fleet.Account(AccountOne).SetSkillsPocEnabledAsync(false);

        WriteRequest("while-off.json", new { skill = "trello", key = "TRELLO_TOKEN", agentId = "main" });
        await Eventually.TrueAsync(() => Task.FromResult(Directory.GetFiles(Path.Combine(RequestsDir, "failed"), "*.error.json").Length == 1));

        var error = JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(Path.Combine(RequestsDir, "failed"), "*.error.json").Single())).RootElement;
        Assert.Equal("refused", error.GetProperty("code").GetString());
        Assert.Contains("skills feature is off", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(await _fleet.Account(AccountOne).ListCredentialsAsync(null));

        await _fleet.Account(AccountOne).SetSkillsPocEnabledAsync(true);
        WriteRequest("when-on.json", new { skill = "trello", key = "TRELLO_TOKEN", agentId = "main" });
        await Eventually.TrueAsync(() => Task.FromResult(Directory.GetFiles(Path.Combine(RequestsDir, "processed")).Length == 1));
        Assert.Single(await _fleet.Account(AccountOne).ListCredentialsAsync(CredentialStatus.Pending));
    }

    private string RequestsDir => Path.Combine(Workspace, "requests", "skill-credentials");

    [Fact]
    public async Task A_fifo_and_a_link_to_a_host_file_dropped_as_requests_are_set_aside_and_the_loop_keeps_going()
    {
        WriteSkill("trello", TrelloSkill);
        await WaitForCatalogAsync(skills => skills.Count == 1);
        var hostFile = Path.Combine(Path.GetDirectoryName(Workspace)!, "host-only.json");
        File.WriteAllText(hostFile, """{ "skill": "trello", "key": "TRELLO_TOKEN" }""");
        Directory.CreateDirectory(RequestsDir);
        var fifo = Path.Combine(RequestsDir, "pipe.json");
        using (var mkfifo = Process.Start("/usr/bin/mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
        }

        File.CreateSymbolicLink(Path.Combine(RequestsDir, "link.json"), hostFile);
        try
        {
            // Each wait is bounded: a loop stuck opening the FIFO would never set anything aside.
            await Eventually.TrueAsync(() => Task.FromResult(Directory.GetFiles(Path.Combine(RequestsDir, "failed"), "*.error.json").Length == 2));
            WriteRequest("after.json", new { skill = "trello", key = "TRELLO_API_KEY" });
            await Eventually.TrueAsync(() => Task.FromResult(Directory.GetFiles(Path.Combine(RequestsDir, "processed")).Length == 1));
        }
        finally
        {
            if (File.Exists(fifo))
            {
                // A loop stuck opening the FIFO for reading is let go by a writer; without one, give up after a second.
                await Task.WhenAny(Task.Run(() => File.OpenHandle(fifo, FileMode.Open, FileAccess.Write).Dispose()), Task.Delay(TimeSpan.FromSeconds(1)));
            }
        }

        var codes = Directory.GetFiles(Path.Combine(RequestsDir, "failed"), "*.error.json")
            .Select(path => JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("code").GetString());
        Assert.Equal(["not_a_regular_file", "not_a_regular_file"], codes);
        var pending = Assert.Single(await _fleet.Account(AccountOne).ListCredentialsAsync(CredentialStatus.Pending));
        Assert.EndsWith("/trello/TRELLO_API_KEY", pending.CredentialRef, StringComparison.Ordinal);
        Assert.True(File.Exists(hostFile));
    }

    [Fact]
    public async Task Editing_one_skill_rewrites_that_skills_row_only_and_no_grain_state()
    {
        foreach (var name in new[] { "alpha", "beta", "gamma" })
        {
            WriteSkill(name, $"---\nname: {name}\ndescription: first words\n---\n");
        }

        await WaitForCatalogAsync(skills => skills.Count == 3);
        var rowsBefore = await SkillRowsAsync();
        var stateBefore = await GrainStateVersionsAsync();

        WriteSkill("beta", "---\nname: beta\ndescription: second words\n---\n");
        await WaitForCatalogAsync(skills => skills.Any(s => s.SkillKey == "beta" && s.Description == "second words"));

        var rowsAfter = await SkillRowsAsync();
        Assert.NotEqual(rowsBefore["beta"], rowsAfter["beta"]);
        Assert.Equal((rowsBefore["alpha"], rowsBefore["gamma"]), (rowsAfter["alpha"], rowsAfter["gamma"]));
        Assert.Equal(stateBefore, await GrainStateVersionsAsync());

        // The row holds the new manifest, so a catalog read back after a restart has it too.
        var stored = await Sql.ScalarAsync<string>(_database,
            "SELECT manifest->>'Description' FROM skillsorleans_skill WHERE runtime_id = 'acme-rt-1' AND folder = 'beta'");
        Assert.Equal("second words", stored);
    }

    /// <summary>The runtime's skill rows in the activity trail, oldest first: action, actor kind and reason.</summary>
    private Task<string> SkillActivityAsync() =>
        Sql.ScalarAsync<string>(_database,
            "SELECT coalesce(string_agg(action || ' ' || actor_kind || ' ' || reason, ';' ORDER BY id), '') FROM skillsorleans_audit "
            + "WHERE action LIKE 'skill.%' AND runtime_id = 'acme-rt-1' AND account_id = 'acme'");

    /// <summary>Each stored skill of the runtime by folder, with the time its row was last written.</summary>
    private async Task<Dictionary<string, string>> SkillRowsAsync()
    {
        var rows = await Sql.ScalarAsync<string>(_database,
            "SELECT string_agg(folder || '=' || updated_at::text, ';' ORDER BY folder) FROM skillsorleans_skill WHERE runtime_id = 'acme-rt-1'");
        return rows.Split(';').Select(row => row.Split('=')).ToDictionary(row => row[0], row => row[1], StringComparer.Ordinal);
    }

    /// <summary>Every grain state row and its version: a write of any grain's state changes it.</summary>
    private Task<string> GrainStateVersionsAsync() =>
        Sql.ScalarAsync<string>(_database,
            "SELECT string_agg(graintypestring || '/' || grainidhash || '/' || coalesce(version, 0), ';' ORDER BY graintypestring, grainidhash) FROM orleansstorage");

    private void WriteSkill(string folder, string markdown)
    {
        var directory = Directory.CreateDirectory(Path.Combine(Workspace, "skills", folder));
        File.WriteAllText(Path.Combine(directory.FullName, "SKILL.md"), markdown);
    }

    private void WriteRequest(string name, object request)
    {
        Directory.CreateDirectory(RequestsDir);
        File.WriteAllText(Path.Combine(RequestsDir, name), JsonSerializer.Serialize(request));
    }

    private async Task<IReadOnlyList<SkillManifest>> WaitForCatalogAsync(Func<IReadOnlyList<SkillManifest>, bool> done)
    {
        IReadOnlyList<SkillManifest> skills = [];
        await Eventually.TrueAsync(async () =>
        {
            var catalogs = await _fleet.Client.ReadSkillCatalogsAsync(AccountOne);
            var catalog = catalogs.SingleOrDefault(c => c.RuntimeId == RuntimeOne);
            skills = catalog?.Skills ?? [];
            return catalog is not null && done(skills);
        });
        return skills;
    }
}
