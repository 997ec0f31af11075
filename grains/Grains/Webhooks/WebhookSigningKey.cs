using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SkillsOrleans.Grains.Webhooks;

/// <summary>
/// The ES256 key core silos sign webhooks with. A signature covers <c>{webhook-id}.{webhook-timestamp}.{body}</c> (the
/// Standard Webhooks layout) and is the JWS form (r‖s, 64 bytes), so any JOSE or WebCrypto library checks it against the
/// public key set. The private key is read from <see cref="WebhookOptions.SigningKeyFile"/>, created 0600 when missing.
/// </summary>
public sealed class WebhookSigningKey : IDisposable
{
    private readonly ECDsa _key;

    private WebhookSigningKey(ECDsa key)
    {
        _key = key;
        var spki = key.ExportSubjectPublicKeyInfo();
        KeyId = Base64Url(SHA256.HashData(spki))[..16];
    }

    public string KeyId { get; }

    public static WebhookSigningKey LoadOrCreate(string path)
    {
        var key = ECDsa.Create();
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
            if (key.KeySize != 256)
            {
                key.Dispose();
                throw new InvalidOperationException($"The webhook signing key in {path} is not a P-256 key.");
            }

            return new WebhookSigningKey(key);
        }

        key.GenerateKey(ECCurve.NamedCurves.nistP256);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using (var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            file.Write(Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
            file.Flush(flushToDisk: true);
        }

        return new WebhookSigningKey(key);
    }

    /// <summary>The value of the <c>webhook-signature</c> header: <c>es256,&lt;base64&gt;</c>.</summary>
    public string Sign(string id, long timestamp, string body)
    {
        var signature = _key.SignData(Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return "es256," + Convert.ToBase64String(signature);
    }

    /// <summary>The public key as a JSON Web Key Set, for receivers.</summary>
    public string JsonWebKeySet()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        var jwk = new Dictionary<string, string>
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = Base64Url(parameters.Q.X!),
            ["y"] = Base64Url(parameters.Q.Y!),
            ["kid"] = KeyId,
            ["alg"] = "ES256",
            ["use"] = "sig",
        };
        return JsonSerializer.Serialize(new { keys = new[] { jwk } });
    }

    public void Dispose() => _key.Dispose();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
