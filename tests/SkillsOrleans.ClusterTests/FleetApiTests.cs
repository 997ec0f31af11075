using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Fleet;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;
using static SkillsOrleans.ClusterTests.DemoStackFixture;
using static SkillsOrleans.ClusterTests.DemoStack;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// <c>/api/platform/fleet</c>, <c>/api/platform/accounts</c> and the counters of <c>/api/accounts/{account}/runtimes</c>
/// on the demo stack (its runtime's workspace holds <c>trello</c> and a broken skill).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FleetApiTests(DemoStackFixture fixture) : IClassFixture<DemoStackFixture>
{
    private readonly DemoStack _stack = fixture.Stack;

    private const string PlatformAdmin = "platform-admin";

    [Theory]
    [InlineData("/api/platform/fleet")]
    [InlineData("/api/platform/fleet/summary")]
    [InlineData("/api/platform/accounts")]
    public async Task Only_platform_admins_read_the_fleet_and_the_account_list(string path)
    {
        var anonymous = await _stack.Api.CreateClient().GetAsync(path);
        var owner = await (await _stack.ClientForAsync("demo-owner")).GetAsync(path);
        var stranger = await (await _stack.ClientForAsync("other-admin")).GetAsync(path);
        var admin = await (await _stack.ClientForAsync(PlatformAdmin)).GetAsync(path);

        await ProblemAssert.IsAsync(HttpStatusCode.Unauthorized, anonymous);
        await ProblemAssert.IsAsync(HttpStatusCode.Forbidden, owner);
        await ProblemAssert.IsAsync(HttpStatusCode.Forbidden, stranger);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task The_account_list_has_every_account_with_its_member_and_runtime_counts()
    {
        var accounts = await (await _stack.ClientForAsync(PlatformAdmin)).GetFromJsonAsync<JsonElement>("/api/platform/accounts");

        var byId = accounts.EnumerateArray().ToDictionary(a => a.GetProperty("accountId").GetString()!);
        Assert.Superset(new HashSet<string> { "demo", "other" }, byId.Keys.ToHashSet());
        Assert.Equal(("Demo", 3, 1, true), (
            byId["demo"].GetProperty("displayName").GetString(), byId["demo"].GetProperty("members").GetInt32(),
            byId["demo"].GetProperty("runtimes").GetInt32(), byId["demo"].GetProperty("skillsPocEnabled").GetBoolean()));
        Assert.Equal((1, 0), (byId["other"].GetProperty("members").GetInt32(), byId["other"].GetProperty("runtimes").GetInt32()));
    }

    [Fact]
    public async Task The_fleet_summary_counts_what_the_lists_hold()
    {
        var admin = await _stack.ClientForAsync(PlatformAdmin);
        await Eventually.ValueAsync(
            async () => Demo(await admin.GetFromJsonAsync<JsonElement>("/api/platform/fleet")),
            runtime => runtime.GetProperty("state").GetString() == "online");

        var summary = await admin.GetFromJsonAsync<JsonElement>("/api/platform/fleet/summary");
        var fleet = (await admin.GetFromJsonAsync<JsonElement>("/api/platform/fleet")).EnumerateArray().ToList();
        var accounts = (await admin.GetFromJsonAsync<JsonElement>("/api/platform/accounts")).EnumerateArray().ToList();

        int Figure(string name) => summary.GetProperty(name).GetInt32();
        Assert.Equal(fleet.Count, Figure("runtimes"));
        Assert.Equal(fleet.Count(r => r.GetProperty("state").GetString() == "online"), Figure("online"));
        Assert.Equal(fleet.Count, Figure("online") + Figure("unknown") + Figure("offline"));
        Assert.Equal(accounts.Count, Figure("accounts"));
        Assert.Equal(accounts.Sum(a => a.GetProperty("keysWaiting").GetInt32()), Figure("keysWaiting"));
        // Keys waiting are the account's pending credentials, however many runtimes they are spread over.
        Assert.Equal(
            fleet.Where(r => r.GetProperty("account").GetString() == "demo").Sum(r => r.GetProperty("credentials").GetProperty("pending").GetInt32()),
            accounts.Single(a => a.GetProperty("accountId").GetString() == "demo").GetProperty("keysWaiting").GetInt32());
    }

    [Theory]
    [InlineData("/api/platform/accounts")]
    [InlineData("/api/platform/fleet")]
    public async Task A_list_read_a_page_at_a_time_by_its_next_links_holds_what_one_read_holds_in_the_same_order(string path)
    {
        var admin = await _stack.ClientForAsync(PlatformAdmin);
        var idProperty = path.EndsWith("fleet", StringComparison.Ordinal) ? "runtime" : "accountId";
        await _stack.Core.Grains.FleetIndex().RecordHostAsync("paged-runtime"); // a second runtime beside the demo's
        var whole = (await admin.GetFromJsonAsync<JsonElement>(path)).EnumerateArray().Select(e => e.GetProperty(idProperty).GetString()).ToList();

        var paged = new List<string?>();
        var links = 0;
        for (var next = path + "?limit=1"; next is not null; links++)
        {
            var answer = await admin.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var page = (await answer.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
            Assert.True(page.Count <= 1, $"a page of limit 1 held {page.Count}");
            paged.AddRange(page.Select(e => e.GetProperty(idProperty).GetString()));
            next = answer.Headers.TryGetValues("Link", out var link)
                ? System.Text.RegularExpressions.Regex.Match(link.Single(), "^<([^>]+)>; rel=\"next\"$").Groups[1].Value
                : null;
        }

        Assert.True(whole.Count >= 2, $"{path} lists {whole.Count}: too few to page");
        Assert.Equal(whole, paged);
        Assert.Equal(whole.Count, links); // the last page has no link
        Assert.Equal(whole.Order(StringComparer.Ordinal), whole);
    }

    [Theory]
    [InlineData("/api/platform/accounts?limit=0", "limit")]
    [InlineData("/api/platform/accounts?limit=1001", "limit")]
    [InlineData("/api/platform/accounts?after=Not%20An%20Id", "after")]
    [InlineData("/api/platform/fleet?limit=-1", "limit")]
    [InlineData("/api/platform/fleet?after=..%2F", "after")]
    public async Task A_page_asked_for_with_a_bad_limit_or_cursor_is_a_validation_problem_naming_it(string path, string parameter)
    {
        var answer = await (await _stack.ClientForAsync(PlatformAdmin)).GetAsync(path);

        var problem = await ProblemAssert.IsAsync(HttpStatusCode.BadRequest, answer);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"the problem does not name '{parameter}': {problem}");
    }

    [Fact]
    public async Task The_fleet_and_the_account_s_listing_report_skills_credentials_and_gateway_and_a_host_that_could_not_register()
    {
        var admin = await _stack.ClientForAsync("demo-admin");
        await _stack.Credentials("demo").RequestCredentialAsync(Ref("trello", "TRELLO_API_KEY"), new CredentialRequest("main", "boards"));
        foreach (var (skill, key) in new[] { ("trello", "TRELLO_TOKEN"), ("openai-whisper-api", "OPENAI_API_KEY") })
        {
            await _stack.Credentials("demo").RequestCredentialAsync(Ref(skill, key), new CredentialRequest("main", "needed"));
            var submitted = await admin.PostAsJsonAsync("/admin/skills/credentials",
                new { accountId = "demo", credentialRef = Ref(skill, key).ToString(), secret = "sk-fleet-" + key, expectedVersion = 0 });
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/accounts/demo/credentials/{Runtime}/openai-whisper-api/OPENAI_API_KEY/revoke", null)).StatusCode);

        // A host configured for an account that does not exist cannot register, so no account lists it.
        var strayRoot = Directory.CreateTempSubdirectory("skillsorleans-stray-");
        var stray = await SiloProcessHost.StartAsync(_stack.Database, ClusterId, new Dictionary<string, string?>
        {
            ["RUNTIME_ID"] = "stray-runtime",
            ["RUNTIME_ACCOUNT"] = "no-such-account",
            ["OPENCLAW_WORKSPACE_DIR"] = Path.Combine(strayRoot.FullName, "workspace"),
            ["OPENCLAW_STATE_DIR"] = Path.Combine(strayRoot.FullName, "state"),
        });
        try
        {
            var fleet = await Eventually.ValueAsync(
                async () => await (await _stack.ClientForAsync(PlatformAdmin)).GetFromJsonAsync<JsonElement>("/api/platform/fleet"),
                // Listed once the index knows it; its registration error follows in its next report (a pass later). A
                // silo that has just joined may first fail for not yet knowing the cluster's grain types: wait for the
                // error that stays.
                runtimes => runtimes.EnumerateArray().Any(r => r.GetProperty("runtime").GetString() == "stray-runtime"
                    && r.GetProperty("registrationError").GetString()?.Contains("no-such-account", StringComparison.Ordinal) == true));

            var demo = fleet.EnumerateArray().Single(r => r.GetProperty("runtime").GetString() == Runtime);
            Assert.Equal(("demo", "online", 2, 1), (
                demo.GetProperty("account").GetString(), demo.GetProperty("state").GetString(),
                demo.GetProperty("skills").GetInt32(), demo.GetProperty("brokenSkills").GetInt32()));
            Assert.Equal((1, 1, 1), Counts(demo));
            Assert.Equal(JsonValueKind.String, demo.GetProperty("gatewayReload").GetProperty("state").ValueKind);
            Assert.Equal(JsonValueKind.Null, demo.GetProperty("registrationError").ValueKind);
            Assert.True(demo.GetProperty("lastSyncAt").GetDateTimeOffset() >= demo.GetProperty("boundAt").GetDateTimeOffset());

            var lost = fleet.EnumerateArray().Single(r => r.GetProperty("runtime").GetString() == "stray-runtime");
            Assert.Equal((JsonValueKind.Null, "online"), (lost.GetProperty("account").ValueKind, lost.GetProperty("state").GetString()));
            Assert.Contains("no-such-account", lost.GetProperty("registrationError").GetString(), StringComparison.Ordinal);

            // Members of the account see the same counters in their own listing.
            var listed = Assert.Single((await (await _stack.ClientForAsync("demo-member")).GetFromJsonAsync<JsonElement>("/api/accounts/demo/runtimes")).EnumerateArray());
            Assert.Equal((Runtime, "demo", "online", 2, 1), (
                listed.GetProperty("runtime").GetString(), listed.GetProperty("account").GetString(), listed.GetProperty("state").GetString(),
                listed.GetProperty("skills").GetInt32(), listed.GetProperty("brokenSkills").GetInt32()));
            Assert.Equal((1, 1, 1), Counts(listed));
            Assert.Equal(demo.GetProperty("gatewayReload").GetProperty("state").GetString(), listed.GetProperty("gatewayReload").GetProperty("state").GetString());
        }
        finally
        {
            await stray.DisposeAsync();
            strayRoot.Delete(recursive: true);
        }
    }

    private static readonly string[] ReportedOnly = ["reporting-runtime", "quiet-runtime", "stopped-runtime"];

    [Fact]
    public async Task The_fleet_shows_what_hosts_last_reported_without_asking_any_host()
    {
        // Runtimes the index knows whose reports arrive, but which no silo hosts: asking them would find nobody.
        var index = _stack.Core.Grains.FleetIndex();
        var now = DateTimeOffset.UtcNow;
        var idle = new GatewayReloadStatus("idle", null, null, null, null, null, 0, null, false);
        foreach (var (runtime, reportedAt, stopped) in new[] { ("reporting-runtime", now, false), ("quiet-runtime", now - RuntimeReports.StaleAfter - TimeSpan.FromSeconds(5), false), ("stopped-runtime", now, true) })
        {
            await index.RecordHostAsync(runtime);
            await index.ReportAsync(new RuntimeReport(runtime, runtime + "-host", reportedAt, 7, 2, idle, null, reportedAt, stopped));
        }

        // An older report never replaces a newer one.
        await index.ReportAsync(new RuntimeReport("reporting-runtime", "old-host", now.AddMinutes(-1), 1, 0, idle, null, now.AddMinutes(-1), Stopped: true));

        var fleet = await Eventually.ValueAsync(
            async () => await (await _stack.ClientForAsync(PlatformAdmin)).GetFromJsonAsync<JsonElement>("/api/platform/fleet"),
            runtimes => ReportedOnly.All(id => runtimes.EnumerateArray().Any(r => r.GetProperty("runtime").GetString() == id)));
        JsonElement Row(string runtime) => fleet.EnumerateArray().Single(r => r.GetProperty("runtime").GetString() == runtime);

        Assert.Equal(("online", "reporting-runtime-host", 7, 2, "idle"), (
            Row("reporting-runtime").GetProperty("state").GetString(), Row("reporting-runtime").GetProperty("hostName").GetString(),
            Row("reporting-runtime").GetProperty("skills").GetInt32(), Row("reporting-runtime").GetProperty("brokenSkills").GetInt32(),
            Row("reporting-runtime").GetProperty("gatewayReload").GetProperty("state").GetString()));
        Assert.Equal(("unknown", 7), (Row("quiet-runtime").GetProperty("state").GetString(), Row("quiet-runtime").GetProperty("skills").GetInt32()));
        Assert.Equal(("offline", 7), (Row("stopped-runtime").GetProperty("state").GetString(), Row("stopped-runtime").GetProperty("skills").GetInt32()));
    }

    [Fact]
    public async Task A_runtime_whose_silo_stops_is_offline_in_the_fleet_within_seconds_and_keeps_its_published_counts()
    {
        var platform = await _stack.ClientForAsync(PlatformAdmin);
        // The fleet shows what hosts report; a host's first report lands just after its first workspace pass (the host
        // may just have been restarted by another test, so this waits as long as a start-up may take: the claim timed
        // here is the change to offline below).
        var online = await Eventually.ValueAsync(
            async () => Demo(await platform.GetFromJsonAsync<JsonElement>("/api/platform/fleet")),
            runtime => runtime.GetProperty("state").GetString() == "online");

        await _stack.StopRuntimeAsync();
        try
        {
            var offline = await Eventually.ValueAsync(
                async () => Demo(await platform.GetFromJsonAsync<JsonElement>("/api/platform/fleet")),
                runtime => runtime.GetProperty("state").GetString() == "offline",
                TimeSpan.FromSeconds(10));

            Assert.Equal(("demo", 2, 1), (offline.GetProperty("account").GetString(), offline.GetProperty("skills").GetInt32(), offline.GetProperty("brokenSkills").GetInt32()));
            Assert.Equal(Counts(online), Counts(offline));
            Assert.Equal(JsonValueKind.Null, offline.GetProperty("gatewayReload").ValueKind);
            Assert.Equal(online.GetProperty("hostName").GetString(), offline.GetProperty("hostName").GetString());
            var listed = Assert.Single((await (await _stack.ClientForAsync("demo-member")).GetFromJsonAsync<JsonElement>("/api/accounts/demo/runtimes")).EnumerateArray());
            // The members' listing asks the host, which does not answer: the counts come from its published catalog.
            Assert.Equal(("offline", 2, 1), (listed.GetProperty("state").GetString(), listed.GetProperty("skills").GetInt32(), listed.GetProperty("brokenSkills").GetInt32()));
            Assert.Equal(online.GetProperty("lastSyncAt").ValueKind, listed.GetProperty("lastSyncAt").ValueKind);
        }
        finally
        {
            await _stack.StartRuntimeAsync();
        }
    }

    private static CredentialRef Ref(string skill, string key) => new("demo", Runtime, skill, key);

    private static JsonElement Demo(JsonElement fleet) => fleet.EnumerateArray().Single(r => r.GetProperty("runtime").GetString() == Runtime);

    private static (int Pending, int Active, int Revoked) Counts(JsonElement runtime)
    {
        var credentials = runtime.GetProperty("credentials");
        return (credentials.GetProperty("pending").GetInt32(), credentials.GetProperty("active").GetInt32(), credentials.GetProperty("revoked").GetInt32());
    }
}
