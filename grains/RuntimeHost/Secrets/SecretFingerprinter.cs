using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SkillsOrleans.RuntimeHost.Secrets;

/// <summary>
/// Fingerprints a secret value with HMAC-SHA256 under a key that never leaves this host, so the fingerprint a
/// grain stores identifies a delivery without letting anyone who reads it guess or confirm the value offline.
/// The key (32 random bytes) lives in its own 0600 file next to the secret file, created atomically on first use;
/// when two processes race, the first file to land is the key both use.
/// </summary>
internal sealed class SecretFingerprinter(string keyPath, ILogger logger) : IDisposable
{
    public const string Prefix = "hmac-sha256:";
    private const int KeyBytes = 32;
    private const int FingerprintBytes = 16;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    public string KeyPath { get; } = keyPath;

    /// <summary><c>hmac-sha256:</c> and the first 16 bytes of the MAC in base64url: 34 characters of <c>[A-Za-z0-9:_-]</c>.</summary>
    public static string Compute(ReadOnlySpan<byte> key, string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, utf8, mac);
        CryptographicOperations.ZeroMemory(utf8);
        return Prefix + Base64Url.EncodeToString(mac[..FingerprintBytes]);
    }

    public async Task<string> FingerprintAsync(string value, CancellationToken cancellationToken)
    {
        var key = _key ?? await LoadOrCreateKeyAsync(cancellationToken).ConfigureAwait(false);
        return Compute(key, value);
    }

    public void Dispose() => _gate.Dispose();

    private async Task<byte[]> LoadOrCreateKeyAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _key ??= LoadOrCreateKey();
            return _key;
        }
        finally
        {
            _gate.Release();
        }
    }

    private byte[] LoadOrCreateKey()
    {
        while (true)
        {
            var existing = ReadKey();
            if (existing is not null)
            {
                return existing;
            }

            var fresh = RandomNumberGenerator.GetBytes(KeyBytes);
            if (AtomicFile.TryCreate(KeyPath, fresh))
            {
                HostSecretStoreLog.FingerprintKeyCreated(logger, KeyPath);
                return fresh;
            }

            // Another process created it first: use theirs.
            CryptographicOperations.ZeroMemory(fresh);
        }
    }

    /// <summary>The key, or null when there is no key file yet.</summary>
    private byte[]? ReadKey()
    {
        PrivateFileContent read;
        try
        {
            if (!PrivateFileReader.TryRead(KeyPath, KeyBytes, out read, out var problem))
            {
                throw new SecretStoreUnavailableException(KeyPath, problem);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new SecretStoreUnavailableException(KeyPath, $"it cannot be read ({error.Message})");
        }

        if (read.Content is { Length: not KeyBytes })
        {
            throw new SecretStoreUnavailableException(KeyPath, $"it holds {read.Content.Length} bytes; a fingerprint key is exactly {KeyBytes}");
        }

        return read.Content;
    }
}
