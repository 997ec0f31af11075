using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Model.Skills;

namespace SkillsOrleans.UnitTests;

/// <summary>The Model library's types cross grain calls through the contracts' surrogates, intact and in the same JSON shape.</summary>
public sealed class ModelOrleansSerializationTests : IDisposable
{
    private static readonly SkillManifest Trello = new(
        "trello", "trello", "trello", "Boards and cards.", "https://trello.com", "📋", "TRELLO_API_KEY",
        new SkillRequirements(["TRELLO_API_KEY", "TRELLO_TOKEN"], ["curl"], ["jq", "yq"], ["skills.trello"]),
        ["linux", "darwin"],
        new SkillOrigin("clawhub", "trello", "1.2.0", "https://clawhub.ai", new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero)),
        null);

    private readonly ServiceProvider services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public void Dispose() => services.Dispose();

    [Fact]
    public void A_credential_ref_survives_serialization_and_copying()
    {
        var serializer = services.GetRequiredService<Serializer>();
        var copier = services.GetRequiredService<DeepCopier>();
        var credentialRef = new CredentialRef("demo", "demo-runtime-1", "trello", "TRELLO_API_KEY");

        Assert.Equal(credentialRef, serializer.Deserialize<CredentialRef>(serializer.SerializeToArray(credentialRef)));
        Assert.Equal(credentialRef, copier.Copy(credentialRef));
        Assert.Equal(credentialRef, serializer.Deserialize<CredentialRef?>(serializer.SerializeToArray<CredentialRef?>(credentialRef)));
        Assert.Null(serializer.Deserialize<CredentialRef?>(serializer.SerializeToArray<CredentialRef?>(null)));
    }

    [Fact]
    public void A_skill_catalog_survives_serialization_and_copying_with_every_field()
    {
        var serializer = services.GetRequiredService<Serializer>();
        var copier = services.GetRequiredService<DeepCopier>();
        var broken = SkillManifestOf("broken", ".bundled/broken") with
        {
            Requires = SkillRequirements.None, Origin = null, ParseError = "no frontmatter", Source = SkillSources.Bundled,
        };
        var catalog = new SkillCatalog("demo-runtime-1", new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero), [Trello, broken]);

        var copy = serializer.Deserialize<SkillCatalog>(serializer.SerializeToArray(catalog));
        var copied = copier.Copy(catalog);

        Assert.Equal(JsonSerializer.Serialize(catalog), JsonSerializer.Serialize(copy));
        Assert.Equal(JsonSerializer.Serialize(catalog), JsonSerializer.Serialize(copied));
    }

    [Fact]
    public void Stored_catalogs_keep_their_json_property_names()
    {
        var json = JsonSerializer.Serialize(Trello);

        Assert.Equal(
            """{"SkillKey":"trello","Folder":"trello","Name":"trello","Description":"Boards and cards.","Homepage":"https://trello.com","Emoji":"\uD83D\uDCCB","PrimaryEnv":"TRELLO_API_KEY","Requires":{"Env":["TRELLO_API_KEY","TRELLO_TOKEN"],"Bins":["curl"],"AnyBins":["jq","yq"],"Config":["skills.trello"]},"Os":["linux","darwin"],"Origin":{"Source":"clawhub","Slug":"trello","Version":"1.2.0","Registry":"https://clawhub.ai","InstalledAt":"2025-06-01T12:00:00+00:00"},"ParseError":null,"Source":"openclaw-workspace"}""",
            json);
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<SkillManifest>(json)));
    }

    [Fact]
    public void A_catalog_stored_before_skills_had_a_source_reads_as_the_workspaces()
    {
        var stored = JsonSerializer.Serialize(Trello with { Source = SkillSources.Managed }).Replace(",\"Source\":\"openclaw-managed\"", "", StringComparison.Ordinal);

        var read = JsonSerializer.Deserialize<SkillManifest>(stored)!;

        Assert.DoesNotContain("openclaw-managed", stored, StringComparison.Ordinal);
        Assert.Equal(SkillSources.Workspace, read.Source);
        Assert.Equal(JsonSerializer.Serialize(Trello), JsonSerializer.Serialize(read));
    }

    private static SkillManifest SkillManifestOf(string skillKey, string folder) => Trello with { SkillKey = skillKey, Folder = folder };
}
