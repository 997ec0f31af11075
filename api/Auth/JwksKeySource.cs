using System.Runtime.CompilerServices;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Api.Auth;

/// <summary>
/// The only source of token signing keys: the configured JWKS, held by a
/// <see cref="ConfigurationManager{T}"/> of <see cref="JsonWebKeySet"/> (read at the first request, re-read in the
/// background every <see cref="AutomaticRefreshInterval"/>).
/// <para>
/// A token naming a key id the current set lacks makes the JWKS be read again at once, so a rotated key is accepted
/// by the very request that first uses it. Such reads are spaced at least <see cref="AuthSettings.JwksMinimumRefreshInterval"/>
/// apart (the first read does not count), and a failed read is not retried sooner either: a stream of tokens with
/// made-up key ids cannot make the API hammer the identity provider. Concurrent requests share one read in flight.
/// A read replaces the keys only when it succeeds.
/// </para>
/// </summary>
public sealed class JwksKeySource : IDisposable
{
    public static readonly TimeSpan AutomaticRefreshInterval = TimeSpan.FromHours(1);

    private static readonly JsonWebKeySetRetriever Retriever = new();

    private readonly string _address;
    private readonly IDocumentRetriever _documents;
    private readonly TimeSpan _minimumRefreshInterval;
    private readonly TimeProvider _clock;
    private readonly ILogger<JwksKeySource> _logger;
    private readonly ConditionalWeakTable<JsonWebKeySet, SigningKeySnapshot> _snapshots = new();
    private readonly Lock _gate = new();
    private ConfigurationManager<JsonWebKeySet>? _manager;
    private Task<SigningKeySnapshot?>? _reading;
    private long _nextReadAllowedTicks;

    public JwksKeySource(AuthSettings settings, IDocumentRetriever documents, TimeProvider clock, ILogger<JwksKeySource> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _address = settings.JwksAddress;
        _documents = documents;
        _minimumRefreshInterval = settings.JwksMinimumRefreshInterval;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>
    /// The current keys; when they lack <paramref name="kid"/> and <paramref name="mayRefresh"/>, the keys after
    /// reading the JWKS again (if the minimum interval allows it).
    /// </summary>
    public async Task<SigningKeySnapshot> GetKeysAsync(string? kid, bool mayRefresh)
    {
        var manager = Volatile.Read(ref _manager);
        if (manager is null)
        {
            return await ReadAsync(kid).ConfigureAwait(false) ?? SigningKeySnapshot.Empty;
        }

        var current = Snapshot(await manager.GetConfigurationAsync(CancellationToken.None).ConfigureAwait(false));
        if (kid is null || !mayRefresh || current.Contains(kid))
        {
            return current;
        }

        return await ReadAsync(kid).ConfigureAwait(false) ?? current;
    }

    public void Dispose() => (_documents as IDisposable)?.Dispose();

    private Task<SigningKeySnapshot?> ReadAsync(string? kid)
    {
        lock (_gate)
        {
            if (_reading is { IsCompleted: false } inFlight)
            {
                return inFlight;
            }

            var now = _clock.GetUtcNow().UtcTicks;
            var allowed = Volatile.Read(ref _nextReadAllowedTicks);
            if (now < allowed)
            {
                AuthLog.JwksReadDeferred(_logger, ResourceIds.Printable(kid), TimeSpan.FromTicks(allowed - now));
                return Task.FromResult<SigningKeySnapshot?>(null);
            }

            if (_manager is not null)
            {
                DeferNextRead();
            }

            _reading = ReadNewManagerAsync();
            return _reading;
        }
    }

    private async Task<SigningKeySnapshot?> ReadNewManagerAsync()
    {
        var manager = new ConfigurationManager<JsonWebKeySet>(_address, Retriever, _documents)
        {
            AutomaticRefreshInterval = AutomaticRefreshInterval,
        };
        try
        {
            var snapshot = Snapshot(await manager.GetConfigurationAsync(CancellationToken.None).ConfigureAwait(false));
            Volatile.Write(ref _manager, manager);
            AuthLog.JwksRead(_logger, _address, snapshot.Keys.Count);
            return snapshot;
        }
        catch (InvalidOperationException error)
        {
            DeferNextRead();
            AuthLog.JwksReadFailed(_logger, _address, error);
            return null;
        }
    }

    private SigningKeySnapshot Snapshot(JsonWebKeySet set) => _snapshots.GetValue(set, SigningKeySnapshot.From);

    private void DeferNextRead() =>
        Volatile.Write(ref _nextReadAllowedTicks, (_clock.GetUtcNow() + _minimumRefreshInterval).UtcTicks);
}
