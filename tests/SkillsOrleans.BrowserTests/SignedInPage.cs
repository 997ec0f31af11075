using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace SkillsOrleans.BrowserTests;

/// <summary>
/// A fresh browser context (no shared storage) on the admin page of an account, signed in through the page's own
/// development sign-in. Records every request the page sends, with its body, for tests that look for a secret.
/// </summary>
public sealed class SignedInPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private SignedInPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Request += (_, request) => Requests.Add(new SentRequest(request.Method, request.Url, request.Headers, request.PostData));
        page.Console += (_, message) => Console.Add($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => Console.Add($"pageerror: {error}");
    }

    public IPage Page { get; }

    public ConcurrentBag<SentRequest> Requests { get; } = [];

    public ConcurrentBag<string> Console { get; } = [];

    public static Task<SignedInPage> OpenAsync(AdminPageFixture fixture, string subject, string account = "demo") =>
        OpenAtAsync(fixture, subject, $"/{account}/admin/openclaw");

    /// <summary>
    /// Opens the page at <paramref name="path"/> (an account's page, or <c>/admin/fleet</c>) and signs in. With
    /// <paramref name="bypassContentSecurityPolicy"/> the browser ignores the page's policy, so that a test can add
    /// a script of its own (the accessibility audit); every other test keeps the policy on.
    /// </summary>
    public static async Task<SignedInPage> OpenAtAsync(AdminPageFixture fixture, string subject, string path, bool bypassContentSecurityPolicy = false)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Stack.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1360, Height = 1000 },
            BypassCSP = bypassContentSecurityPolicy,
        });
        var signedIn = new SignedInPage(context, await context.NewPageAsync());
        await signedIn.Page.GotoAsync(path);
        await signedIn.Page.GetByRole(AriaRole.Button, new() { Name = $"Sign in as {subject}", Exact = true }).ClickAsync();
        await Assertions.Expect(signedIn.Page.Locator($"[data-subject='{subject}']")).ToBeVisibleAsync();
        return signedIn;
    }

    /// <summary>The row of one key on the Skills &amp; Credentials tab.</summary>
    public ILocator KeyRow(string skill, string keyName) =>
        Page.Locator($"[data-credential-ref='demo/{BrowserStack.Runtime}/{skill}/{keyName}']");

    public ILocator Tab(string name) => Page.GetByRole(AriaRole.Tab, new() { Name = name, Exact = true });

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}

public sealed record SentRequest(string Method, string Url, IReadOnlyDictionary<string, string> Headers, string? Body);
