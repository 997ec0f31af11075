using SkillsOrleans.RuntimeHost.Workspace;

namespace SkillsOrleans.UnitTests.Workspace;

/// <summary>Other agents' workspaces, resolved from openclaw.json as OpenClaw resolves them.</summary>
public sealed class AgentWorkspacesTests
{
    private const string State = "/srv/openclaw";
    private const string Main = "/srv/workspace";

    [Fact]
    public void Each_agent_works_in_its_own_workspace_else_under_the_default_else_beside_the_state_and_the_default_agent_in_the_main_one()
    {
        const string config = """
            { "agents": {
                "defaults": { "workspace": "/srv/agents" },
                "entries": {
                  "main": { "default": true },
                  "coding": { "workspace": "/srv/workspace-coding" },
                  "alerts": {},
                  "same": { "workspace": "/srv/workspace/" },
                  "Bad Id": { "workspace": "/srv/x" }
                } } }
            """;

        Assert.Equal([("alerts", "/srv/agents/alerts"), ("coding", "/srv/workspace-coding")], AgentWorkspaces.Resolve(config, State, Main));
    }

    [Fact]
    public void Without_a_default_workspace_an_agent_works_beside_the_state_directory_and_the_older_list_form_counts_too()
    {
        const string config = """{ "agents": { "list": [ { "id": "ops" }, { "id": "home", "workspace": "~/workspace-home" } ] } }""";

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal([("home", Path.Combine(home, "workspace-home")), ("ops", "/srv/openclaw/workspace-ops")], AgentWorkspaces.Resolve(config, State, Main));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{}")]
    [InlineData("""{ "agents": { "entries": [] } }""")]
    public void A_config_without_other_agents_has_no_other_workspaces(string? config) =>
        Assert.Empty(AgentWorkspaces.Resolve(config, State, Main));
}
