using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// Keys a person put into the host's openclaw.json by hand, taken into management through the HTTP API with a real
/// runtime silo: listed by name only, imported so that the value moves into the host secret file (and openclaw.json
/// points at it) while nothing of it reaches an answer or the activity trail.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CredentialImportTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string ForecastValue = "forecast-by-hand-0123456789";
    private const string WhisperValue = "sk-whisper-by-hand-0123456789";
    private const string Credentials = $"/api/accounts/demo/credentials/{DemoStack.Runtime}";
    private DemoStack _stack = null!;

    public async Task InitializeAsync()
    {
        _stack = await DemoStack.StartAsync(postgres, "import");
        await _stack.InstallSkillAsync("forecast", "FORECAST_API_KEY");
        await _stack.InstallSkillAsync("whisper-hand", "WHISPER_HAND_KEY", primary: true);
        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(_stack.OpenClawConfig)));
        var config = JsonNode.Parse(File.ReadAllText(_stack.OpenClawConfig))!.AsObject();
        config["skills"] = new JsonObject
        {
            ["entries"] = new JsonObject
            {
                ["forecast"] = new JsonObject { ["env"] = new JsonObject { ["FORECAST_API_KEY"] = ForecastValue } },
                ["whisper-hand"] = new JsonObject { ["apiKey"] = WhisperValue },
                ["substituted"] = new JsonObject { ["apiKey"] = "${SUBSTITUTED_KEY}" },
            },
        };
        File.WriteAllText(_stack.OpenClawConfig, config.ToJsonString());
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task Keys_held_by_hand_are_listed_by_name_imported_onto_the_host_secret_file_and_never_shown()
    {
        var admin = await _stack.ClientForAsync("demo-admin");
        var member = await _stack.ClientForAsync("demo-member");
        var answers = new List<string>();

        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/api/accounts/demo/runtimes/{DemoStack.Runtime}/config-keys")).StatusCode);
        var listed = await admin.GetStringAsync($"/api/accounts/demo/runtimes/{DemoStack.Runtime}/config-keys");
        answers.Add(listed);
        Assert.Equal(["forecast/FORECAST_API_KEY", "whisper-hand/WHISPER_HAND_KEY"],
            JsonDocument.Parse(listed).RootElement.EnumerateArray().Select(k => $"{k.GetProperty("skillKey").GetString()}/{k.GetProperty("keyName").GetString()}").Order());

        foreach (var key in new[] { "forecast/FORECAST_API_KEY", "whisper-hand/WHISPER_HAND_KEY" })
        {
            var imported = await admin.PostAsync($"{Credentials}/{key}/import", null);
            answers.Add(await imported.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
            var credential = JsonDocument.Parse(answers[^1]).RootElement;
            Assert.Equal(("active", 1), (credential.GetProperty("status").GetString(), credential.GetProperty("version").GetInt32()));
            Assert.StartsWith("hmac-sha256:", credential.GetProperty("fingerprint").GetString(), StringComparison.Ordinal);
        }

        Assert.True(_stack.HostHolds(ForecastValue) && _stack.HostHolds(WhisperValue));
        var config = JsonNode.Parse(File.ReadAllText(_stack.OpenClawConfig))!["skills"]!["entries"]!;
        Assert.Equal("file", config["whisper-hand"]!["apiKey"]!["source"]!.GetValue<string>()); // a SecretRef now, not the value
        Assert.Equal("[]", await admin.GetStringAsync($"/api/accounts/demo/runtimes/{DemoStack.Runtime}/config-keys"));

        var again = await admin.PostAsync($"{Credentials}/forecast/FORECAST_API_KEY/import", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("active already", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await _stack.InstallSkillAsync("nothing-by-hand", "NOTHING_KEY");
        var none = await admin.PostAsync($"{Credentials}/nothing-by-hand/NOTHING_KEY/import", null);
        Assert.Equal(HttpStatusCode.Conflict, none.StatusCode);
        Assert.Contains("holds no value", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsync($"{Credentials}/nothing-by-hand/NOTHING_KEY/import", null)).StatusCode);

        var activity = await admin.GetStringAsync("/api/accounts/demo/activity");
        answers.Add(activity);
        answers.Add(await admin.GetStringAsync("/api/accounts/demo/credentials"));
        Assert.Contains("imported from the host's openclaw.json", activity, StringComparison.Ordinal);
        Assert.All(answers, answer =>
        {
            Assert.DoesNotContain(ForecastValue, answer, StringComparison.Ordinal);
            Assert.DoesNotContain(WhisperValue, answer, StringComparison.Ordinal);
        });
    }
}
