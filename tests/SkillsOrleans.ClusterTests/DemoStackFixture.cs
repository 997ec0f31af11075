using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// One <see cref="DemoStack"/> shared by the tests of a class, its workspace holding <see cref="TrelloSkill"/> and a
/// broken skill. Tests that change state use names of their own; a test that stops the runtime's silo starts it again.
/// </summary>
public sealed class DemoStackFixture(PostgresFixture postgres) : IAsyncLifetime
{
    public const string TrelloSkill = """
        ---
        name: trello
        description: "Manage Trello boards."
        metadata:
          { "openclaw": { "emoji": "📋", "primaryEnv": "TRELLO_API_KEY", "requires": { "env": ["TRELLO_API_KEY", "TRELLO_TOKEN"] } } }
        ---
        # Trello
        """;

    /// <summary>The stack's cluster id, for tests that start more silos in its cluster.</summary>
    public const string ClusterId = "stack";

    private DemoStack? _stack;

    public DemoStack Stack => _stack ?? throw new InvalidOperationException("The demo stack has not started.");

    public async Task InitializeAsync() => _stack = await DemoStack.StartAsync(postgres, ClusterId, skills: new Dictionary<string, string>
    {
        ["trello"] = TrelloSkill,
        ["broken"] = "no frontmatter here",
    });

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }
}
