using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using SkillsOrleans.Sealing;

using SkillsOrleans.RuntimeHost.Secrets;

namespace SkillsOrleans.RuntimeHost.Sealing;

/// <summary>
/// This runtime host's P-256 key pair for opening sealed secrets. The private key lives only in a PKCS#8 PEM file
/// on the host (mode 0600, directory 0700); the public key is published so a browser or the API can seal to it.
/// </summary>
public sealed partial class RuntimeSealingKey : IDisposable
{

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>A P-256 PKCS#8 PEM is a few hundred bytes; anything far larger is not our key file.</summary>
    private const int MaxKeyFileBytes = 16 * 1024;

    private const string PemLabel = "PRIVATE KEY";

    private readonly ECDiffieHellman privateKey;

    private RuntimeSealingKey(ECDiffieHellman privateKey)
    {
        this.privateKey = privateKey;
        var spki = privateKey.ExportSubjectPublicKeyInfo();
        var point = privateKey.ExportParameters(includePrivateParameters: false).Q;
        SubjectPublicKeyInfo = spki;
        PublicKey = new SealingPublicKey(
            SealingKeyFingerprint.Of(spki),
            Convert.ToBase64String(spki),
            new SealingPublicKeyJwk("EC", "P-256", Base64UrlCanonical.Encode(point.X), Base64UrlCanonical.Encode(point.Y)));
    }

    /// <summary>The kid envelopes sealed to this key carry.</summary>
    public string Fingerprint => PublicKey.Kid;

    /// <summary>The public key as kid, SPKI (base64) and JWK: what the API hands to a sealer.</summary>
    public SealingPublicKey PublicKey { get; }

    /// <summary>The public key as SPKI DER bytes, the form <see cref="SecretSealer.Seal"/> takes.</summary>
    public ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; }

    /// <summary>
    /// Loads the key at <paramref name="path"/>, or creates it when there is none. A new key appears under its
    /// final name only once fully written, so a crash never leaves a partial key behind.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file is readable by group or others, a link, or not a P-256 key.</exception>
    public static RuntimeSealingKey LoadOrCreate(string path, ILogger logger, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(logger);
        var fullPath = Path.GetFullPath(path);
        PromoteStagedKey(fullPath, clock ?? TimeProvider.System, logger);
        if (!File.Exists(fullPath) && TryCreate(fullPath))
        {
            var created = Load(fullPath);
            LogCreated(logger, fullPath, created.Fingerprint);
            return created;
        }

        var loaded = Load(fullPath);
        LogLoaded(logger, fullPath, loaded.Fingerprint);
        return loaded;
    }

    public void Dispose() => privateKey.Dispose();

    /// <summary>The ECDH shared secret (X coordinate) with a sender's ephemeral public point.</summary>
    /// <exception cref="CryptographicException">The point is not on P-256.</exception>
    internal byte[] DeriveSharedSecret(byte[] ephemeralX, byte[] ephemeralY)
    {
        using var ephemeral = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = ephemeralX, Y = ephemeralY },
        });
        using var ephemeralPublic = ephemeral.PublicKey;
        return privateKey.DeriveRawSecretAgreement(ephemeralPublic);
    }

    /// <summary>The file a staged replacement key waits in until the runtime silo next starts.</summary>
    public static string StagedPath(string keyPath) => Path.GetFullPath(keyPath) + ".next";

    /// <summary>
    /// Stages a new key beside the current one (<c>rotate-sealing-key</c>); the next start of the runtime silo makes it
    /// current and retires the old one (<see cref="RetiredSealingKey"/>). Staging again replaces an unused staged key.
    /// </summary>
    /// <returns>The staged key's fingerprint, to compare out of band with what the admin page later seals to.</returns>
    public static string StageReplacement(string path)
    {
        if (!File.Exists(Path.GetFullPath(path)))
        {
            throw new InvalidOperationException($"There is no sealing key at '{Path.GetFullPath(path)}' to rotate: the runtime silo creates one at its first start.");
        }

        var staged = StagedPath(path);
        File.Delete(staged);
        if (!TryCreate(staged))
        {
            throw new InvalidOperationException($"Another process staged a sealing key at '{staged}' at the same time.");
        }

        using var key = Load(staged);
        return key.Fingerprint;
    }

    /// <summary>
    /// Makes a staged key current. The old key becomes the retired key, stamped with this moment: envelopes sealed to
    /// it before now expire within <see cref="SealedSecretFormat.MaxLifetime"/>, so it is accepted that long and no
    /// longer. Each step is a rename, so a crash between them is finished by the next start.
    /// </summary>
    private static void PromoteStagedKey(string fullPath, TimeProvider clock, ILogger logger)
    {
        var staged = StagedPath(fullPath);
        if (!File.Exists(staged))
        {
            return;
        }

        using (var replacement = Load(staged))
        {
            if (File.Exists(fullPath))
            {
                var retired = RetiredSealingKey.PathFor(fullPath);
                File.Move(fullPath, retired, overwrite: true);
                File.SetLastWriteTimeUtc(retired, clock.GetUtcNow().UtcDateTime);
            }

            File.Move(staged, fullPath, overwrite: true);
            LogPromoted(logger, replacement.Fingerprint, fullPath);
        }
    }

    /// <returns>False when another process created the file first; the caller loads theirs.</returns>
    private static bool TryCreate(string fullPath)
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var der = key.ExportPkcs8PrivateKey();
        var pem = PemEncoding.Write(PemLabel, der);
        var bytes = Encoding.ASCII.GetBytes(pem);
        try
        {
            // 0600 from the first byte, written whole or not at all (temp file, fsync, rename, directory fsync).
            return AtomicFile.TryCreate(fullPath, bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
            CryptographicOperations.ZeroMemory(bytes);
            Array.Clear(pem);
        }
    }

    internal static RuntimeSealingKey Load(string fullPath)
    {
        var file = new FileInfo(fullPath);
        if (file.LinkTarget is not null)
        {
            throw new InvalidOperationException($"Sealing key file '{fullPath}' is a link; it must be a regular file.");
        }

        if ((file.UnixFileMode & GroupOrOther) != 0)
        {
            throw new InvalidOperationException(
                $"Sealing key file '{fullPath}' is accessible to group or others (mode {Convert.ToString((int)file.UnixFileMode, 8)}); it must be 0600.");
        }

        if (file.Length > MaxKeyFileBytes)
        {
            throw new InvalidOperationException($"Sealing key file '{fullPath}' is too large to be a P-256 key.");
        }

        var bytes = File.ReadAllBytes(fullPath);
        var pem = Encoding.ASCII.GetChars(bytes);
        var key = ECDiffieHellman.Create();
        try
        {
            key.ImportFromPem(pem);
            if (!SealingCurve.IsP256(key))
            {
                throw new InvalidOperationException($"Sealing key file '{fullPath}' does not hold a P-256 key.");
            }

            return new RuntimeSealingKey(key);
        }
        catch (Exception error) when (error is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new InvalidOperationException($"Sealing key file '{fullPath}' does not hold a PKCS#8 PEM private key.");
        }
        catch
        {
            key.Dispose();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            Array.Clear(pem);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created sealing key {Kid} at {Path}")]
    private static partial void LogCreated(ILogger logger, string path, string kid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sealing key rotated: {Kid} is now current at {Path}; the previous key is retired")]
    private static partial void LogPromoted(ILogger logger, string kid, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded sealing key {Kid} from {Path}")]
    private static partial void LogLoaded(ILogger logger, string path, string kid);
}
