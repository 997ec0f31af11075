using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.UnitTests;

public sealed class CredentialRefTests
{
    [Fact]
    public void Parses_and_prints_the_four_parts()
    {
        var parsed = CredentialRef.Parse("demo/demo-runtime-1/openai-whisper-api/OPENAI_API_KEY");

        Assert.Equal("demo", parsed.Account);
        Assert.Equal("demo-runtime-1", parsed.Runtime);
        Assert.Equal("openai-whisper-api", parsed.SkillKey);
        Assert.Equal("OPENAI_API_KEY", parsed.KeyName);
        Assert.Equal("demo/demo-runtime-1/openai-whisper-api/OPENAI_API_KEY", parsed.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("demo/rt/trello")]
    [InlineData("demo/rt/trello/KEY/extra")]
    [InlineData("Demo/rt/trello/KEY")]
    [InlineData("demo/-rt/trello/KEY")]
    [InlineData("demo/rt/../KEY")]
    [InlineData("demo/rt/..hidden/KEY")]
    [InlineData("demo/rt/trello/lower_key")]
    [InlineData("demo/rt/trello/1KEY")]
    [InlineData("demo/rt/tre llo/KEY")]
    [InlineData("demo/rt/trello/KEY\n")]
    public void Rejects_anything_outside_the_grammar(string? text)
    {
        Assert.False(CredentialRef.TryParse(text, out _));
        Assert.Throws<FormatException>(() => CredentialRef.Parse(text));
    }

    [Fact]
    public void Account_and_runtime_ids_are_bounded_slugs()
    {
        Assert.True(ResourceIds.IsAccountId(new string('a', 63)));
        Assert.False(ResourceIds.IsAccountId(new string('a', 64)));
        Assert.True(ResourceIds.IsKeyName("A" + new string('B', 127)));
        Assert.False(ResourceIds.IsKeyName("A" + new string('B', 128)));
    }

    [Fact]
    public void Error_messages_render_untrusted_input_safely()
    {
        var error = Assert.Throws<FormatException>(() => CredentialRef.Parse("x\u0000y\n" + new string('z', 500)));

        Assert.DoesNotContain('\u0000', error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.True(error.Message.Length < 200);
    }
}
