using SkillsOrleans.ClientHosting.Audit;
using SkillsOrleans.Model;

namespace SkillsOrleans.UnitTests;

public sealed class CallDeadlinesTests
{
    [Fact]
    public void Every_step_of_a_delivery_ends_inside_the_grain_call_that_waits_for_it()
    {
        var delivery = CallDeadlines.ConfigValidation + CallDeadlines.AuditWrite + CallDeadlines.OtherDeliverySteps;

        Assert.True(delivery < CallDeadlines.GrainCall, $"a delivery may take {delivery}, the call waits {CallDeadlines.GrainCall}");
        Assert.Equal(CallDeadlines.AuditWrite, PostgresAuditTrail.DefaultWriteTimeout);
    }
}
