using System.Net;
using Orleans.Runtime;
using Orleans.Streams;
using SkillsOrleans.Hosting.Streams;

namespace SkillsOrleans.UnitTests.Streams;

/// <summary>How the account event queues are shared: every queue to exactly one puller, none to anyone else.</summary>
public sealed class CoreSiloQueueBalancerTests
{
    private static readonly IReadOnlyList<QueueId> Queues = [.. Enumerable.Range(0, 8).Select(i => QueueId.GetQueueId("account-events", (uint)i, (uint)i))];

    private static SiloAddress Silo(int port) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 1);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(9)]
    public void Pullers_together_hold_every_queue_once(int pullerCount)
    {
        var pullers = Enumerable.Range(0, pullerCount).Select(i => Silo(11111 + i)).ToList();

        var shares = pullers.Select(silo => CoreSiloQueueBalancer.Share(Queues, pullers, silo)).ToList();

        Assert.Equal(Queues.Order().ToList(), shares.SelectMany(share => share).Order().ToList());
        Assert.True(shares.Max(share => share.Count) - shares.Min(share => share.Count) <= 1, "the queues are shared evenly");
    }

    [Fact]
    public void Every_silo_computes_the_same_share_whatever_order_it_learns_the_pullers_in()
    {
        var pullers = new[] { Silo(30000), Silo(20000), Silo(10000) };

        Assert.Equal(
            CoreSiloQueueBalancer.Share(Queues, pullers, pullers[1]),
            CoreSiloQueueBalancer.Share(Queues, pullers.Reverse(), pullers[1]));
    }

    [Fact]
    public void A_silo_that_is_not_a_puller_holds_no_queue()
    {
        var pullers = new[] { Silo(10000), Silo(10001) };

        Assert.Empty(CoreSiloQueueBalancer.Share(Queues, pullers, Silo(10002)));
    }
}
