using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SkillsOrleans.RuntimeHost.Secrets;

/// <summary>
/// The runtime host's private secret file (<c>RUNTIME_SECRETS_FILE</c>): the one place a delivered value is kept,
/// laid out so OpenClaw's json file provider reads <c>/account/skillKey/KEY_NAME</c> straight from it.
/// <para>
/// Every write replaces the whole file atomically (0600 temp file, fsync, rename, directory fsync), one at a time,
/// on top of what is on disk: a file changed by hand since the last read is read again first, so such an edit is
/// never lost. A file that fails to parse or fails the ownership, mode and link checks is never written: the
/// store turns <see cref="SecretStoreState.Faulted"/> and refuses every operation until <see cref="ReloadAsync"/>
/// finds it fixed. Reads answer from the content last read or written.
/// </para>
/// </summary>
public sealed class HostSecretStore : IDisposable
{
    /// <summary>A sanity bound on the file, far above what any host holds (a thousand maximal values is 16 MiB).</summary>
    public const long MaxFileBytes = 32L * 1024 * 1024;

    private readonly ILogger _logger;
    private readonly SecretFingerprinter _fingerprinter;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private volatile StoreView _view;

    /// <summary>
    /// A store for the file at <paramref name="path"/> that has not read it yet: it refuses every operation, as a
    /// faulted store does, until <see cref="ReloadAsync"/> has read the file. <see cref="OpenAsync"/> does both.
    /// </summary>
    public HostSecretStore(string path, ILogger<HostSecretStore>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FilePath = Path.GetFullPath(path);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _fingerprinter = new SecretFingerprinter(FingerprintKeyPathFor(FilePath), _logger);
        _view = Faulted("it has not been read yet");
    }

    /// <summary>The secret file's absolute path.</summary>
    public string FilePath { get; }

    /// <summary>The file holding this host's fingerprint key, next to the secret file.</summary>
    public string FingerprintKeyPath => _fingerprinter.KeyPath;

    public SecretStoreStatus Status => _view.ToStatus(FilePath);

    public static string FingerprintKeyPathFor(string secretFilePath) => secretFilePath + ".fingerprint-key";

    /// <summary>Opens the store and reads the file. A missing file is an empty store; a refused one gives a faulted store, not an exception.</summary>
    public static async Task<HostSecretStore> OpenAsync(string path, ILogger<HostSecretStore>? logger = null, CancellationToken cancellationToken = default)
    {
        var store = new HostSecretStore(path, logger);
        await store.ReloadAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>Reads the file again: how a faulted store comes back once an operator has fixed the file.</summary>
    public async Task<SecretStoreStatus> ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var view = Publish(ReadFile());
            if (view.Error is null)
            {
                HostSecretStoreLog.Loaded(_logger, FilePath, view.Document.Count);
            }

            return view.ToStatus(FilePath);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Creates or replaces one value; returns its fingerprint.</summary>
    /// <exception cref="ArgumentException">A name breaks its grammar, or the value breaks the value rules.</exception>
    /// <exception cref="SecretStoreUnavailableException">The store is faulted, or the fingerprint key is refused.</exception>
    public async Task<string> SetAsync(StoredKeyAddress address, string value, CancellationToken cancellationToken = default)
    {
        RequireAddress(address);
        var problem = SecretValueRules.Problem(value);
        if (problem is not null)
        {
            throw new ArgumentException($"The value for {address} {problem}.", nameof(value));
        }

        RequireReady(_view);
        var fingerprint = await _fingerprinter.FingerprintAsync(value, cancellationToken).ConfigureAwait(false);
        await ChangeAsync(address, document => document.With(address, value), cancellationToken).ConfigureAwait(false);
        HostSecretStoreLog.Stored(_logger, address.ToString(), fingerprint);
        return fingerprint;
    }

    /// <summary>Revokes one value: it disappears from the file, and so do a skill and an account left empty. False when it was not there.</summary>
    public async Task<bool> RemoveAsync(StoredKeyAddress address, CancellationToken cancellationToken = default)
    {
        RequireAddress(address);
        var removed = await ChangeAsync(address, document => document.Without(address), cancellationToken).ConfigureAwait(false);
        if (removed)
        {
            HostSecretStoreLog.Removed(_logger, address.ToString());
        }

        return removed;
    }

    /// <summary>The value itself, for the runtime host's own use only.</summary>
    public bool TryGet(StoredKeyAddress address, [NotNullWhen(true)] out string? value) =>
        RequireReady(_view).Document.TryGet(RequireAddress(address), out value);

    public bool Contains(StoredKeyAddress address) =>
        RequireReady(_view).Document.TryGet(RequireAddress(address), out _);

    /// <summary>Every stored key's address, sorted; no values.</summary>
    public IReadOnlyList<StoredKeyAddress> ListAddresses() => RequireReady(_view).Document.Addresses();

    /// <summary>The fingerprint this host gives <paramref name="value"/> (see <see cref="SetAsync"/>).</summary>
    public Task<string> FingerprintAsync(string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        return _fingerprinter.FingerprintAsync(value, cancellationToken);
    }

    public void Dispose()
    {
        _writeGate.Dispose();
        _fingerprinter.Dispose();
    }

    /// <summary>Applies <paramref name="change"/> to the file's current content and writes the result; false when nothing changed.</summary>
    private async Task<bool> ChangeAsync(StoredKeyAddress address, Func<SecretDocument, SecretDocument> change, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var view = RequireReady(RefreshIfChangedOnDisk(RequireReady(_view)));
            var next = change(view.Document);
            if (ReferenceEquals(next, view.Document) || SameValues(next, view.Document, address))
            {
                return false;
            }

            var content = SecretFileFormat.Serialize(next);
            try
            {
                var identity = AtomicFile.Replace(FilePath, content);
                Publish(new StoreView(next, identity, null));
                return true;
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                HostSecretStoreLog.WriteFailed(_logger, error, FilePath, address.ToString());
                throw;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(content);
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Setting a value it already has writes nothing.</summary>
    private static bool SameValues(SecretDocument next, SecretDocument current, StoredKeyAddress address) =>
        next.TryGet(address, out var after)
        && current.TryGet(address, out var before)
        && string.Equals(after, before, StringComparison.Ordinal);

    /// <summary>
    /// The view to change: the current one while the file is as this store left it, otherwise the file read
    /// again. A file that no longer passes the checks faults the store here, before anything is written.
    /// </summary>
    private StoreView RefreshIfChangedOnDisk(StoreView view)
    {
        bool unchanged;
        try
        {
            unchanged = UnixFileFacts.TryInspect(FilePath, out var facts)
                ? SecretFileGuard.Problem(facts) is null && facts.Identity.Equals(view.Identity)
                : view.Identity is null;
        }
        catch (IOException error)
        {
            return Publish(Faulted($"it cannot be inspected ({error.Message})"));
        }

        if (unchanged)
        {
            return view;
        }

        HostSecretStoreLog.ChangedOnDisk(_logger, FilePath);
        return Publish(ReadFile());
    }

    private StoreView ReadFile()
    {
        try
        {
            if (!PrivateFileReader.TryRead(FilePath, MaxFileBytes, out var read, out var problem))
            {
                return Faulted(problem);
            }

            if (read.Content is null)
            {
                return new StoreView(SecretDocument.Empty, null, null);
            }

            try
            {
                return SecretFileFormat.TryParse(read.Content, out var document, out problem)
                    ? new StoreView(document, read.Identity, null)
                    : Faulted(problem);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(read.Content);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return Faulted($"it cannot be read ({error.Message})");
        }
    }

    private static StoreView Faulted(string reason) => new(SecretDocument.Empty, null, reason);

    private StoreView Publish(StoreView view)
    {
        _view = view;
        if (view.Error is not null)
        {
            HostSecretStoreLog.Faulted(_logger, FilePath, view.Error);
        }

        return view;
    }

    /// <summary>The default address names nothing; every constructed one passed its grammars.</summary>
    private static StoredKeyAddress RequireAddress(StoredKeyAddress address) =>
        address.Account is null ? throw new ArgumentException("An empty key address names no stored key.", nameof(address)) : address;

    private StoreView RequireReady(StoreView view) =>
        view.Error is null ? view : throw new SecretStoreUnavailableException(FilePath, view.Error);

    /// <summary>One consistent state: the content, the identity of the file it came from (null: no file), or why the file is refused.</summary>
    private sealed record StoreView(SecretDocument Document, FileIdentity? Identity, string? Error)
    {
        public SecretStoreStatus ToStatus(string path) => Error is null
            ? new SecretStoreStatus(SecretStoreState.Ready, path, Document.Count, null)
            : new SecretStoreStatus(SecretStoreState.Faulted, path, 0, Error);
    }
}
