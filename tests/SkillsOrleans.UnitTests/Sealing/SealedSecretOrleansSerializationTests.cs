using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using SkillsOrleans.Contracts.Sealing;
using SkillsOrleans.Sealing;

namespace SkillsOrleans.UnitTests.Sealing;

/// <summary>Envelopes and refusals cross grain calls: both survive Orleans serialization intact.</summary>
public sealed class SealedSecretOrleansSerializationTests : IDisposable
{
    private readonly SealingTestHost host = new();
    private readonly ServiceProvider services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public void Dispose()
    {
        services.Dispose();
        host.Dispose();
    }

    [Fact]
    public void An_envelope_survives_and_still_opens()
    {
        var serializer = services.GetRequiredService<Serializer>();
        var envelope = host.Seal();

        var copy = serializer.Deserialize<SealedSecretEnvelope>(serializer.SerializeToArray(envelope));

        Assert.Equal(envelope, copy);
        Assert.Equal(SealingTestHost.Canary, host.OpenText(copy!));
    }

    [Fact]
    public void A_refusal_keeps_its_reason_and_message()
    {
        var serializer = services.GetRequiredService<Serializer>();
        var refusal = new SealedSecretRejectedException(SealedSecretRejection.WrongVersion, "Sealed for version 2.");

        var copy = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(refusal));

        var typed = Assert.IsType<SealedSecretRejectedException>(copy);
        Assert.Equal(SealedSecretRejection.WrongVersion, typed.Reason);
        Assert.Equal(refusal.Message, typed.Message);
    }

    [Fact]
    public void A_published_public_key_survives()
    {
        var serializer = services.GetRequiredService<Serializer>();

        var copy = serializer.Deserialize<SealingPublicKey>(serializer.SerializeToArray(host.Key.PublicKey));

        Assert.Equal(host.Key.PublicKey, copy);
    }
}
