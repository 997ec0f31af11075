using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkillsOrleans.Sealing;

namespace SkillsOrleans.UnitTests.Sealing;

/// <summary>
/// Envelopes sealed by WebCrypto (Node's <c>crypto.subtle</c>, the same API a browser offers) open with the host's
/// opener: the page can seal, and the documented key derivation and AAD are what both sides compute.
/// </summary>
public sealed class WebCryptoCompatibilityTests : IDisposable
{
    private const string Unicode = "sk-ünïcödé-€-😀";

    private readonly SealingTestHost host = new();

    public void Dispose() => host.Dispose();

    [NodeFact]
    public async Task An_envelope_sealed_with_the_spki_key_opens_on_the_host()
    {
        var envelope = await SealWithWebCryptoAsync(new JsonObject { ["spki"] = host.Key.PublicKey.Spki }, SealingTestHost.Canary);

        Assert.Equal(SealingTestHost.Canary, host.OpenText(envelope));
    }

    [NodeFact]
    public async Task An_envelope_sealed_with_the_jwk_key_opens_on_the_host()
    {
        var jwk = JsonSerializer.SerializeToNode(host.Key.PublicKey.Jwk)!;

        var envelope = await SealWithWebCryptoAsync(new JsonObject { ["jwk"] = jwk }, Unicode);

        Assert.Equal(Unicode, host.OpenText(envelope));
    }

    [NodeFact]
    public async Task A_webcrypto_envelope_is_bound_like_any_other()
    {
        var envelope = await SealWithWebCryptoAsync(new JsonObject { ["spki"] = host.Key.PublicKey.Spki }, SealingTestHost.Canary);

        SealedSecretAssert.Refused(SealedSecretRejection.Tampered, envelope, () => host.OpenText(envelope with { Version = 4 }, expectedVersion: 4));
        Assert.Equal(SealingTestHost.Canary, host.OpenText(envelope));
        SealedSecretAssert.Refused(SealedSecretRejection.Replayed, envelope, () => host.OpenText(envelope));
    }

    private async Task<SealedSecretEnvelope> SealWithWebCryptoAsync(JsonObject publicKey, string plaintext)
    {
        var request = new JsonObject
        {
            ["publicKey"] = publicKey,
            ["kid"] = host.Key.Fingerprint,
            ["runtimeId"] = SealingTestHost.RuntimeId,
            ["credentialRef"] = SealingTestHost.Ref.ToString(),
            ["version"] = 3,
            ["expiresAt"] = host.Now + 300,
            ["plaintext"] = plaintext,
        };

        var start = new ProcessStartInfo(NodeExecutable.Find()!)
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Sealing", "webcrypto-seal.mjs") },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var node = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await node.StandardInput.WriteAsync(request.ToJsonString());
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = node.StandardError.ReadToEndAsync(timeout.Token);
        await node.WaitForExitAsync(timeout.Token);

        Assert.True(node.ExitCode == 0, $"node failed ({node.ExitCode}): {await errors}");
        return SealedSecretJson.Deserialize(await output);
    }
}
