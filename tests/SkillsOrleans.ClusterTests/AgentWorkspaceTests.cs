using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Model.Skills;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// A gateway with a second agent, configured in openclaw.json with a workspace of its own, and a real runtime silo: the
/// agent's skills join the catalog, its request files become pending keys, and an admin's decline reaches its workspace.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AgentWorkspaceTests(PostgresFixture postgres) : IAsyncLifetime
{
    private DemoStack _stack = null!;

    public async Task InitializeAsync() => _stack = await DemoStack.StartAsync(postgres, "agents");

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task Another_agents_workspace_adds_its_skills_takes_its_requests_and_reads_declines_there()
    {
        var helperWorkspace = Path.Combine(_stack.Root, "workspace-helper");
        var skill = Directory.CreateDirectory(Path.Combine(helperWorkspace, "skills", "calendar"));
        File.WriteAllText(Path.Combine(skill.FullName, "SKILL.md"),
            "---\nname: calendar\ndescription: The helper's calendar.\nmetadata:\n  { \"openclaw\": { \"requires\": { \"env\": [\"CALENDAR_TOKEN\"] } } }\n---\n");
        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(_stack.OpenClawConfig)));
        var config = JsonNode.Parse(File.ReadAllText(_stack.OpenClawConfig))!.AsObject();
        config["agents"] = new JsonObject
        {
            ["defaults"] = new JsonObject { ["workspace"] = _stack.Workspace },
            ["entries"] = new JsonObject
            {
                ["main"] = new JsonObject { ["default"] = true },
                ["helper"] = new JsonObject { ["workspace"] = helperWorkspace },
            },
        };
        File.WriteAllText(_stack.OpenClawConfig, config.ToJsonString());

        var catalog = await Eventually.ValueAsync(
            () => _stack.Core.Grains.GetGrain<IRuntimeCatalogGrain>(DemoStack.Runtime).GetAsync("demo"),
            c => c?.Skills.Any(s => s.SkillKey == "calendar") == true);
        Assert.Equal((".agent/helper/calendar", SkillSources.Workspace),
            catalog!.Skills.Where(s => s.SkillKey == "calendar").Select(s => (s.Folder, s.Source)).Single());

        var inbox = Directory.CreateDirectory(Path.Combine(helperWorkspace, "requests", "skill-credentials"));
        File.WriteAllText(Path.Combine(inbox.FullName, "calendar.json"), """{ "skill": "calendar", "key": "CALENDAR_TOKEN", "agentId": "helper" }""");
        var calendar = new CredentialRef("demo", DemoStack.Runtime, "calendar", "CALENDAR_TOKEN");
        var pending = await Eventually.ValueAsync(
            async () => (await _stack.Account("demo").ListCredentialsAsync(CredentialStatus.Pending)).SingleOrDefault(c => c.CredentialRef == calendar.ToString()),
            c => c is not null);
        Assert.Equal("helper", pending!.RequestedByAgent);
        await Eventually.TrueAsync(() => Task.FromResult(Directory.GetFiles(Path.Combine(inbox.FullName, "processed")).Length == 1));

        var admin = await _stack.ClientForAsync("demo-admin");
        var declined = await admin.PostAsJsonAsync($"/api/accounts/demo/credentials/{DemoStack.Runtime}/calendar/CALENDAR_TOKEN/decline", new { reason = "Use the shared calendar." });
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var note = Path.Combine(inbox.FullName, "decisions", "calendar--CALENDAR_TOKEN.json");
        Assert.Equal("Use the shared calendar.", JsonDocument.Parse(File.ReadAllText(note)).RootElement.GetProperty("reason").GetString());
    }
}
