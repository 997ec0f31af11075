using Microsoft.Playwright;
using SkillsOrleans.Testing;

namespace SkillsOrleans.BrowserTests;

/// <summary>
/// One stack and one headless Chromium for every browser test: Debian's Chromium (<c>/usr/bin/chromium</c>, or
/// <c>SKILLSORLEANS_CHROMIUM</c>), driven by Playwright, which never downloads a browser here.
/// </summary>
public sealed class AdminPageFixture : IAsyncLifetime
{
    public const string TrelloSkill = """
        ---
        name: trello
        description: "Manage Trello boards, lists and cards."
        metadata:
          { "openclaw": { "emoji": "📋", "primaryEnv": "TRELLO_API_KEY", "requires": { "env": ["TRELLO_API_KEY", "TRELLO_TOKEN"] } } }
        ---
        # Trello
        """;

    public const string NotionSkill = """
        ---
        name: notion
        description: "Read and write Notion pages."
        metadata:
          { "openclaw": { "emoji": "📝", "primaryEnv": "NOTION_API_KEY", "requires": { "env": ["NOTION_API_KEY"] } } }
        ---
        # Notion
        """;

    public const string PlacesSkill = """
        ---
        name: goplaces
        description: "Find places with the Google Places API."
        metadata:
          { "openclaw": { "emoji": "📍", "primaryEnv": "GOOGLE_PLACES_API_KEY", "requires": { "env": ["GOOGLE_PLACES_API_KEY"] } } }
        ---
        # Places
        """;

    public const string WhisperSkill = """
        ---
        name: openai-whisper-api
        description: "Transcribe audio with OpenAI's Whisper API."
        metadata:
          { "openclaw": { "emoji": "🎙️", "primaryEnv": "OPENAI_API_KEY", "requires": { "env": ["OPENAI_API_KEY"] } } }
        ---
        # Whisper
        """;

    /// <summary>
    /// Each test works on keys of its own: trello's for delivery and revocation, whisper's for rotation, notion's and
    /// goplaces' for the rest.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Skills = new Dictionary<string, string>
    {
        ["trello"] = TrelloSkill,
        ["notion"] = NotionSkill,
        ["goplaces"] = PlacesSkill,
        ["openai-whisper-api"] = WhisperSkill,
    };

    private PostgresServer? _postgres;
    private IPlaywright? _playwright;

    public BrowserStack Stack { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("SKILLSORLEANS_CHROMIUM") is { Length: > 0 } configured
        ? configured
        : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium not found at {ChromiumPath}; deploy/local/test.sh installs Debian's chromium package (or set SKILLSORLEANS_CHROMIUM).");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Assertions.SetDefaultExpectTimeout(20_000);
        _postgres = await PostgresServer.StartAsync();
        Stack = await BrowserStack.StartAsync(_postgres, Skills);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AdminPageCollection : ICollectionFixture<AdminPageFixture>
{
    public const string Name = "Admin page";
}
