using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillsOrleans.Cli;

/// <summary>
/// The fleet tasks of the admin page from a shell, through the same HTTP API and the same authorization: list
/// runtimes and keys waiting, bind a runtime, revoke a key, show a runtime's health and drift. Every command prints
/// one JSON document on stdout (what the API answered, indented) and exits 0; an error is printed on stderr (the
/// API's problem document when there is one) with exit 1, or 2 for a command line that does not parse.
/// </summary>
public static class OperatorCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, Func<Uri?, FileInfo?, HttpClient> connect)
    {
        ArgumentNullException.ThrowIfNull(connect);
        var api = new Option<Uri?>("--api") { Description = $"The API's base address (default: SKILLSORLEANS_API_URL, else {ApiConnection.DefaultApi})", Recursive = true };
        var tokenFile = new Option<FileInfo?>("--token-file") { Description = "A file holding the caller's JWT (default: SKILLSORLEANS_TOKEN)", Recursive = true };
        var root = new RootCommand("SkillsOrleans operator commands: fleet, key requests, bindings, revocations, drift. JSON on stdout.");
        root.Options.Add(api);
        root.Options.Add(tokenFile);

        var call = new ApiCall(output, errors, parse => connect(parse.GetValue(api), parse.GetValue(tokenFile)));
        root.Subcommands.Add(RuntimesCommand(call));
        root.Subcommands.Add(RequestsCommand(call));
        root.Subcommands.Add(KeysCommand(call));
        root.Subcommands.Add(DriftCommand(call));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await errors.WriteLineAsync(error.Message);
            }

            return 2;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = errors });
    }

    private static Command RuntimesCommand(ApiCall call)
    {
        var limit = new Option<int?>("--limit") { Description = "Runtimes per page (the API's default when not given)" };
        var after = new Option<string?>("--after") { Description = "Continue after this runtime id (the previous page's nextAfter)" };
        var list = new Command("list", "The fleet: every runtime, its account, host state, skills and keys (one page).") { limit, after };
        list.SetAction((parse, cancel) => call.GetAsync(parse, Query("/api/platform/fleet", ("limit", parse.GetValue(limit)?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("after", parse.GetValue(after))), cancel));

        var summary = new Command("summary", "Runtimes online and offline, accounts, keys waiting and the oldest request.");
        summary.SetAction((parse, cancel) => call.GetAsync(parse, "/api/platform/fleet/summary", cancel));

        var runtime = new Argument<string>("runtime") { Description = "The runtime id" };
        var account = new Option<string>("--account") { Description = "The account to bind it to", Required = true };
        var bind = new Command("bind", "Bind a runtime to an account (a platform admin's task).") { runtime, account };
        bind.SetAction((parse, cancel) => call.SendAsync(parse, HttpMethod.Put, $"/api/platform/runtimes/{Escape(parse.GetValue(runtime))}/binding",
            new JsonObject { ["accountId"] = parse.GetValue(account) }, null, cancel));

        var health = new Command("health", "A runtime host's health: skill sync, secret file, config, gateway reload, reconciliation.") { runtime };
        health.SetAction((parse, cancel) => call.GetAsync(parse, $"/api/runtimes/{Escape(parse.GetValue(runtime))}/health", cancel));

        return new Command("runtimes", "The fleet's runtimes.") { list, summary, bind, health };
    }

    private static Command RequestsCommand(ApiCall call)
    {
        var account = new Option<string>("--account") { Description = "The account", Required = true };
        var list = new Command("list", "Keys agents asked for that wait for a value.") { account };
        list.SetAction((parse, cancel) => call.GetAsync(parse, $"/api/accounts/{Escape(parse.GetValue(account))}/credentials?status=pending", cancel));

        var credentialRef = CredentialRefArgument();
        var reason = new Option<string>("--reason") { Description = "Why, in a sentence the agent that asked will read (never a secret)", Required = true };
        var decline = new Command("decline", "Turn a pending key request down; the agents on its host read the reason.") { credentialRef, reason };
        decline.SetAction((parse, cancel) => WithKeyPath(call, parse.GetValue(credentialRef), "decline", path =>
            call.SendAsync(parse, HttpMethod.Post, path, new JsonObject { ["reason"] = parse.GetValue(reason) }, null, cancel)));
        return new Command("requests", "Key requests from agents.") { list, decline };
    }

    private static Argument<string> CredentialRefArgument() => new("credential-ref") { Description = "account/runtime/skill/KEY_NAME" };

    /// <summary>Runs <paramref name="send"/> with the API path of one key's <paramref name="action"/>, or fails on a malformed ref.</summary>
    private static Task<int> WithKeyPath(ApiCall call, string? credentialRef, string action, Func<string, Task<int>> send)
    {
        var parts = (credentialRef ?? "").Split('/');
        return parts.Length != 4 || parts.Any(string.IsNullOrEmpty)
            ? call.FailAsync("a credential ref is account/runtime/skill/KEY_NAME")
            : send($"/api/accounts/{Escape(parts[0])}/credentials/{Escape(parts[1])}/{Escape(parts[2])}/{Escape(parts[3])}/{action}");
    }

    private static Command KeysCommand(ApiCall call)
    {
        var credentialRef = CredentialRefArgument();
        var expected = new Option<int>("--expected-version") { Description = "The version the key has now (refused if it changed meanwhile)", Required = true };
        var revoke = new Command("revoke", "Revoke a key: it is withdrawn from its host and recorded as revoked.") { credentialRef, expected };
        // One key per invocation: a retry of this command after a lost answer is a new attempt, refused by the version check.
        revoke.SetAction((parse, cancel) => WithKeyPath(call, parse.GetValue(credentialRef), "revoke", path =>
            call.SendAsync(parse, HttpMethod.Post, $"{path}?expectedVersion={parse.GetValue(expected)}", null, Guid.NewGuid().ToString("N"), cancel)));
        var importRef = CredentialRefArgument();
        var import = new Command("import", "Take a key the host's openclaw.json holds by hand into management; the value stays on the host.") { importRef };
        import.SetAction((parse, cancel) => WithKeyPath(call, parse.GetValue(importRef), "import", path =>
            call.SendAsync(parse, HttpMethod.Post, path, null, null, cancel)));
        return new Command("keys", "Keys (credentials).") { revoke, import };
    }

    private static Command DriftCommand(ApiCall call)
    {
        var runtime = new Argument<string>("runtime") { Description = "The runtime id" };
        var drift = new Command("drift", "What the runtime's last reconciliation found apart between its host and the cluster.") { runtime };
        drift.SetAction((parse, cancel) => call.GetAsync(parse, $"/api/runtimes/{Escape(parse.GetValue(runtime))}/health", cancel,
            health => new JsonObject
            {
                ["runtime"] = parse.GetValue(runtime),
                ["reconciliation"] = health["reconciliation"]?.DeepClone(),
            }));
        return drift;
    }

    private static string Escape(string? segment) => Uri.EscapeDataString(segment ?? "");

    private static string Query(string path, params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? path : $"{path}?{string.Join('&', given)}";
    }

    /// <summary>One API call and its printing: JSON out, errors (problem documents included) on stderr with exit 1.</summary>
    private sealed class ApiCall(TextWriter output, TextWriter errors, Func<ParseResult, HttpClient> connect)
    {
        public async Task<int> FailAsync(string message)
        {
            await errors.WriteLineAsync(message);
            return 1;
        }

        public Task<int> GetAsync(ParseResult parse, string path, CancellationToken cancel, Func<JsonNode, JsonNode>? select = null) =>
            SendAsync(parse, HttpMethod.Get, path, null, null, cancel, select);

        public async Task<int> SendAsync(
            ParseResult parse, HttpMethod method, string path, JsonNode? body, string? idempotencyKey, CancellationToken cancel,
            Func<JsonNode, JsonNode>? select = null)
        {
            try
            {
                using var http = connect(parse);
                using var request = new HttpRequestMessage(method, path);
                if (body is not null)
                {
                    request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
                }

                if (idempotencyKey is not null)
                {
                    request.Headers.Add("Idempotency-Key", idempotencyKey);
                }

                using var response = await http.SendAsync(request, cancel);
                var text = await response.Content.ReadAsStringAsync(cancel);
                if (!response.IsSuccessStatusCode)
                {
                    await errors.WriteLineAsync($"{(int)response.StatusCode} {response.ReasonPhrase}: {(text.Length > 0 ? Pretty(JsonNode.Parse(text)) : "(no body)")}");
                    return 1;
                }

                var answer = text.Length > 0 ? JsonNode.Parse(text) : null;
                await output.WriteLineAsync(Pretty(answer is not null && select is not null ? select(answer) : answer));
                return 0;
            }
            catch (Exception error) when (error is OperatorException or HttpRequestException or JsonException or IOException)
            {
                await errors.WriteLineAsync(error.Message);
                return 1;
            }
        }

        private static string Pretty(JsonNode? node) => node?.ToJsonString(Indented) ?? "null";
    }
}
