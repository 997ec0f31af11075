using System.Text;
using SkillsOrleans.RuntimeHost.Requests;

namespace SkillsOrleans.UnitTests.Requests;

public sealed class CredentialRequestFileTests
{
    private static CredentialRequestFile Parse(string json) => CredentialRequestFile.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Reads_the_documented_format()
    {
        var request = Parse("""{ "skill": "trello", "key": "TRELLO_API_KEY", "agentId": "main", "reason": "boards", "extra": 1 }""");

        Assert.Equal(new CredentialRequestFile("trello", "TRELLO_API_KEY", "main", "boards"), request);
    }

    [Fact]
    public void Agent_and_reason_are_optional()
    {
        Assert.Equal(new CredentialRequestFile("notion", "NOTION_API_TOKEN", null, null), Parse("""{"skill":"notion","key":"NOTION_API_TOKEN"}"""));
    }

    [Theory]
    [InlineData("{", RequestRejection.InvalidJson)]
    [InlineData("", RequestRejection.InvalidJson)]
    [InlineData("[]", RequestRejection.InvalidFields)]
    [InlineData("""{"key":"A"}""", RequestRejection.InvalidFields)]
    [InlineData("""{"skill":"trello"}""", RequestRejection.InvalidFields)]
    [InlineData("""{"skill":"../../etc","key":"A"}""", RequestRejection.InvalidFields)]
    [InlineData("""{"skill":"trello/../x","key":"A"}""", RequestRejection.InvalidFields)]
    [InlineData("""{"skill":"trello","key":"../A"}""", RequestRejection.InvalidFields)]
    [InlineData("""{"skill":"trello","key":"lower"}""", RequestRejection.InvalidFields)]
    [InlineData("""{"skill":"trello","key":"A","agentId":"../../root"}""", RequestRejection.InvalidFields)]
    [InlineData("""{"skill":7,"key":"A"}""", RequestRejection.InvalidFields)]
    public void Rejects_what_is_not_a_valid_request(string json, RequestRejection expected)
    {
        var error = Assert.Throws<RequestRejectedException>(() => Parse(json));

        Assert.Equal(expected, error.Reason);
    }

    [Fact]
    public void Long_reasons_are_cut()
    {
        var request = Parse($$"""{"skill":"trello","key":"A","reason":"{{new string('r', 5000)}}"}""");

        Assert.Equal(CredentialRequestFile.MaxReasonLength, request.Reason!.Length);
    }

    [Fact]
    public void Codes_are_snake_case()
    {
        Assert.Equal("unknown_skill", RequestRejectedException.ToCode(RequestRejection.UnknownSkill));
        Assert.Equal("not_a_regular_file", RequestRejectedException.ToCode(RequestRejection.NotARegularFile));
    }
}
