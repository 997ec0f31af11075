using System.Diagnostics.CodeAnalysis;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.RuntimeHost.Sealing;

namespace SkillsOrleans.RuntimeHost;

/// <summary>
/// Opened values waiting for their change to be audited, at most one per credential ref, in memory only. A value
/// nobody commits is wiped once it expires, so an interrupted submission leaves nothing behind on the host.
/// </summary>
public sealed class PreparedDeliveries(TimeProvider clock) : IDisposable
{
    /// <summary>How long a value waits for its commit: far longer than an audit write, far shorter than a session.</summary>
    public static readonly TimeSpan HoldTime = TimeSpan.FromSeconds(30);

    private readonly Dictionary<CredentialRef, Held> _held = [];

    public int Count
    {
        get
        {
            lock (_held)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>Holds a value; a value held earlier for the same credential is wiped.</summary>
    public void Hold(CredentialRef credentialRef, int version, OpenedSecret value)
    {
        lock (_held)
        {
            if (_held.Remove(credentialRef, out var earlier))
            {
                earlier.Value.Dispose();
            }

            _held[credentialRef] = new Held(version, value, clock.GetUtcNow() + HoldTime);
        }
    }

    /// <summary>
    /// The held value of exactly this version, handed over to the caller (who disposes it); false when nothing is
    /// held for it (expired, abandoned, or the host restarted).
    /// </summary>
    public bool TryTake(CredentialRef credentialRef, int version, [NotNullWhen(true)] out OpenedSecret? value)
    {
        lock (_held)
        {
            if (_held.TryGetValue(credentialRef, out var held) && held.Version == version && held.ExpiresAt > clock.GetUtcNow())
            {
                _held.Remove(credentialRef);
                value = held.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>Wipes the held value of this version, if any.</summary>
    public void Drop(CredentialRef credentialRef, int version)
    {
        lock (_held)
        {
            if (_held.TryGetValue(credentialRef, out var held) && held.Version == version)
            {
                _held.Remove(credentialRef);
                held.Value.Dispose();
            }
        }
    }

    /// <summary>Wipes every value past its hold time.</summary>
    public void DropExpired()
    {
        var now = clock.GetUtcNow();
        lock (_held)
        {
            foreach (var (credentialRef, held) in _held.Where(h => h.Value.ExpiresAt <= now).ToList())
            {
                _held.Remove(credentialRef);
                held.Value.Dispose();
            }
        }
    }

    public void Dispose()
    {
        lock (_held)
        {
            foreach (var held in _held.Values)
            {
                held.Value.Dispose();
            }

            _held.Clear();
        }
    }

    private sealed record Held(int Version, OpenedSecret Value, DateTimeOffset ExpiresAt);
}
