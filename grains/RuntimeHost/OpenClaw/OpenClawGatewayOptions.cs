using System.Text;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// How the runtime host reaches its OpenClaw gateway and what it does when it cannot. <see cref="Token"/> is the
/// gateway's shared token: it is sent in the connect frame and nowhere else, and <see cref="ToString"/> only says
/// whether it is set.
/// </summary>
public sealed record OpenClawGatewayOptions
{
    public const string UrlVariable = "OPENCLAW_GATEWAY_URL";
    public const string TokenVariable = "OPENCLAW_GATEWAY_TOKEN";
    public const string LegacyTokenVariable = "CLAWDBOT_GATEWAY_TOKEN";
    public const string RestartCommandVariable = "OPENCLAW_RESTART_COMMAND";
    public const string FlagFileVariable = "OPENCLAW_RELOAD_FLAG_FILE";
    public const string StateDirVariable = "OPENCLAW_STATE_DIR";

    /// <summary>Loopback, because only there does the gateway give a token-only backend client <c>operator.admin</c>.</summary>
    public static readonly Uri DefaultUrl = new("ws://127.0.0.1:18789");

    public Uri Url { get; init; } = DefaultUrl;

    /// <summary>The gateway's shared token; null when none is configured, which makes every reload fail as not configured.</summary>
    public string? Token { get; init; }

    /// <summary>An absolute path to an executable run (without arguments, without a shell) when the gateway stays unreachable.</summary>
    public string? RestartCommand { get; init; }

    /// <summary>Where the fallback writes its "reload requested" note for whatever supervises the gateway.</summary>
    public string FlagFilePath { get; init; } = Path.Combine("/root/.openclaw", "skillsorleans", "reload-requested");

    /// <summary>Where the host records that it owes the gateway a reload (beside the flag file, in its private directory).</summary>
    public string ReloadOwedPath => Path.Combine(Path.GetDirectoryName(FlagFilePath) ?? ".", "reload-owed.json");

    /// <summary>The deadline for one whole exchange: connect, handshake, reload.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the restart command may run before it is killed.</summary>
    public TimeSpan RestartCommandTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the gateway must have been unreachable in one pending episode before the restart command runs, so a
    /// gateway that is restarting by itself (after a config change) is not restarted again.
    /// </summary>
    public TimeSpan RestartCommandGrace { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The wait after the first failed attempt; doubled after each further failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Reads OPENCLAW_GATEWAY_URL, OPENCLAW_GATEWAY_TOKEN (or the legacy CLAWDBOT_GATEWAY_TOKEN),
    /// OPENCLAW_RESTART_COMMAND and OPENCLAW_RELOAD_FLAG_FILE (default
    /// <c>$OPENCLAW_STATE_DIR/skillsorleans/reload-requested</c>, the state dir defaulting to <c>$HOME/.openclaw</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">A value is present but unusable.</exception>
    public static OpenClawGatewayOptions FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        string? Value(string name) => variable(name) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var stateDir = Value(StateDirVariable) ?? Path.Combine(Value("HOME") ?? "/root", ".openclaw");
        return new OpenClawGatewayOptions
        {
            Url = Value(UrlVariable) is { } url ? ParseUrl(url) : DefaultUrl,
            Token = Value(TokenVariable) ?? Value(LegacyTokenVariable),
            RestartCommand = Value(RestartCommandVariable) is { } command ? RequireAbsolute(command, RestartCommandVariable) : null,
            FlagFilePath = Path.GetFullPath(Value(FlagFileVariable) ?? Path.Combine(stateDir, "skillsorleans", "reload-requested")),
        };
    }

    private static Uri ParseUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeWs || url.Scheme == Uri.UriSchemeWss)
            ? url
            : throw new InvalidOperationException($"{UrlVariable} must be an absolute ws:// or wss:// URL.");

    private static string RequireAbsolute(string path, string name) =>
        Path.IsPathFullyQualified(path)
            ? path
            : throw new InvalidOperationException($"{name} must be the absolute path of an executable (it is run without a shell).");

    // Replaces the generated member list so the token can never reach a log line through ToString.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Url = ").Append(Url)
            .Append(", Token = ").Append(Token is null ? "(not set)" : "(set)")
            .Append(", RestartCommand = ").Append(RestartCommand ?? "(none)")
            .Append(", FlagFilePath = ").Append(FlagFilePath)
            .Append(", RequestTimeout = ").Append(RequestTimeout)
            .Append(", RestartCommandTimeout = ").Append(RestartCommandTimeout)
            .Append(", RestartCommandGrace = ").Append(RestartCommandGrace)
            .Append(", InitialRetryDelay = ").Append(InitialRetryDelay)
            .Append(", MaxRetryDelay = ").Append(MaxRetryDelay);
        return true;
    }
}
