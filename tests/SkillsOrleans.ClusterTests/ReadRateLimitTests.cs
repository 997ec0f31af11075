using System.Net;

namespace SkillsOrleans.ClusterTests;

/// <summary>The per-user read limit, through the API with real tokens, against a runtime silo on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReadRateLimitTests(DemoStackFixture fixture) : IClassFixture<DemoStackFixture>
{
    private readonly DemoStack _stack = fixture.Stack;

    [Fact]
    public async Task A_user_past_the_read_limit_gets_429_with_Retry_After_while_other_users_read_on()
    {
        await using var api = _stack.CreateApi(new Dictionary<string, string>
        {
            ["RateLimits:ReadsPerMinute"] = "1",
            ["RateLimits:ReadBurst"] = "3",
        });
        var member = await DemoStack.ClientForAsync(api, "demo-member");
        var owner = await DemoStack.ClientForAsync(api, "demo-owner");

        var reads = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            reads.Add((await member.GetAsync("/api/accounts/demo/credentials")).StatusCode);
        }

        using var limited = await member.GetAsync("/api/accounts/demo/skills");

        Assert.All(reads, status => Assert.Equal(HttpStatusCode.OK, status));
        var problem = await ProblemAssert.IsAsync(HttpStatusCode.TooManyRequests, limited);
        Assert.Equal("too-many-reads", problem.GetProperty("code").GetString());
        Assert.InRange(limited.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/accounts/demo/credentials")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync("/health")).StatusCode); // anonymous reads are not counted
    }
}
