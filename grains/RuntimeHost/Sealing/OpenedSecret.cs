using System.Security.Cryptography;
using System.Text;

namespace SkillsOrleans.RuntimeHost.Sealing;

/// <summary>
/// The plaintext of an opened envelope as UTF-8 bytes the holder can wipe: disposing zeroes them. Prefer
/// <see cref="Utf8"/> (e.g. to write the host secret file) over <see cref="ToPlaintextString"/>, whose string
/// cannot be wiped.
/// </summary>
public sealed class OpenedSecret : IDisposable
{
    private readonly byte[] utf8;
    private bool disposed;

    internal OpenedSecret(byte[] utf8) => this.utf8 = utf8;

    public ReadOnlySpan<byte> Utf8
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return utf8;
        }
    }

    public string ToPlaintextString() => Encoding.UTF8.GetString(Utf8);

    /// <summary>Never the value: a stray log line or debugger view shows only this.</summary>
    public override string ToString() => "OpenedSecret (value hidden)";

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(utf8);
        disposed = true;
    }
}
