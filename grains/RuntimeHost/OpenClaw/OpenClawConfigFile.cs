using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SkillsOrleans.Model;
using SkillsOrleans.RuntimeHost.Secrets;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// The gateway's openclaw.json (<c>OPENCLAW_CONFIG_PATH</c>) as this host keeps it: read, merged with
/// <see cref="OpenClawConfigMerger"/>, and replaced atomically with a 0600 file (it holds env values in plain
/// text). With a validator command (<c>OPENCLAW_CONFIG_VALIDATE_COMMAND</c>) the candidate is checked in its temp
/// file first and only installed when the command accepts it. On any refusal the file keeps its last good content
/// and <see cref="OpenClawConfigRejectedException"/> says why. A merge that changes nothing writes nothing, so a
/// file's comments survive until there is a real change to make.
/// </summary>
public sealed class OpenClawConfigFile : IDisposable
{
    public const string ConfigPathVariable = "OPENCLAW_CONFIG_PATH";
    public const string ValidateCommandVariable = "OPENCLAW_CONFIG_VALIDATE_COMMAND";

    /// <summary>A sanity bound far above any real config (OpenClaw caps an included file at 2 MB).</summary>
    public const long MaxFileBytes = 8L * 1024 * 1024;

    /// <summary>How often a merge is redone when another writer changes the file under it before giving up.</summary>
    private const int MaxAttempts = 3;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConfigValidatorCommand? _validator;
    private readonly ILogger _logger;

    /// <param name="path">The config file; its directory is created 0700 if missing.</param>
    /// <param name="validateCommand">An executable that checks a candidate named by <c>OPENCLAW_CONFIG_PATH</c>; null or empty for none.</param>
    /// <param name="validateTimeout">How long the validator may run (default <see cref="CallDeadlines.ConfigValidation"/>, inside a grain call's deadline).</param>
    public OpenClawConfigFile(string path, string? validateCommand = null, ILogger<OpenClawConfigFile>? logger = null, TimeSpan? validateTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FilePath = Path.GetFullPath(path);
        _validator = string.IsNullOrWhiteSpace(validateCommand)
            ? null
            : new ConfigValidatorCommand(validateCommand, validateTimeout ?? CallDeadlines.ConfigValidation);
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public string FilePath { get; }

    /// <summary>
    /// Merges the desired credentials into the file and writes it if anything changed. Writes are serialized in
    /// this process; a change by another writer between the read and the rename makes the merge run again on top
    /// of it, so that change is kept.
    /// </summary>
    /// <returns>The merge, whose <see cref="OpenClawConfigMergeResult.Managed"/> is what to pass as previously managed next time.</returns>
    /// <exception cref="OpenClawConfigRejectedException">Nothing was written; the file keeps its last good content.</exception>
    public async Task<OpenClawConfigMergeResult> ApplyAsync(
        OpenClawSecretProvider provider,
        IReadOnlyCollection<DesiredCredential> desired,
        IReadOnlyCollection<ManagedEntry> previouslyManaged,
        CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var (text, identity) = Read();
                var result = OpenClawConfigMerger.Merge(text, provider, desired, previouslyManaged);
                if (!result.Changed)
                {
                    OpenClawConfigLog.Unchanged(_logger, FilePath, result.Managed.Count);
                    return result;
                }

                if (await TryWriteAsync(result.Text, identity, cancellationToken).ConfigureAwait(false))
                {
                    OpenClawConfigLog.Written(_logger, FilePath, result.Managed.Count);
                    return result;
                }

                OpenClawConfigLog.ChangedWhileWriting(_logger, FilePath);
            }

            throw new OpenClawConfigRejectedException(OpenClawConfigRejection.ChangedWhileWriting, $"another writer changed it {MaxAttempts} times while it was being merged; try again");
        }
        catch (OpenClawConfigRejectedException rejected)
        {
            var located = rejected.At(FilePath);
            OpenClawConfigLog.Rejected(_logger, FilePath, located.Reason, located.Detail, located.Issues.Count);
            throw located;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Dispose() => _writeGate.Dispose();

    /// <summary>The file's text (null when there is none) and which file version it came from.</summary>
    internal (string? Text, FileIdentity? Identity) Read()
    {
        PrivateFileContent read;
        string? problem;
        try
        {
            if (!PrivateFileReader.TryRead(FilePath, MaxFileBytes, OpenClawConfigFileGuard.Problem, out read, out problem))
            {
                throw new OpenClawConfigRejectedException(OpenClawConfigRejection.Unusable, problem);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new OpenClawConfigRejectedException(OpenClawConfigRejection.Unusable, $"it cannot be read ({error.Message})");
        }

        if (read.Content is null)
        {
            return (null, null);
        }

        try
        {
            return (StrictUtf8.GetString(read.Content), read.Identity);
        }
        catch (DecoderFallbackException)
        {
            throw new OpenClawConfigRejectedException(OpenClawConfigRejection.Unparseable, "it is not valid UTF-8 text");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(read.Content);
        }
    }

    /// <summary>Stages the text, validates it, and installs it if the file is still the version it was merged from.</summary>
    private async Task<bool> TryWriteAsync(string text, FileIdentity? mergedFrom, CancellationToken cancellationToken)
    {
        var content = Encoding.UTF8.GetBytes(text);
        try
        {
            using var staged = AtomicFile.Stage(FilePath, content);
            if (_validator is not null)
            {
                await _validator.CheckAsync(staged.TempPath, cancellationToken).ConfigureAwait(false);
            }

            if (!IsStill(mergedFrom))
            {
                return false;
            }

            staged.Install();
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            OpenClawConfigLog.WriteFailed(_logger, error, FilePath);
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }
    }

    /// <summary>Whether the file on disk is the same version (device, inode, size, mtime) as the one read, or still absent.</summary>
    private bool IsStill(FileIdentity? mergedFrom) =>
        UnixFileFacts.TryInspect(FilePath, out var now) ? now.Identity.Equals(mergedFrom) : mergedFrom is null;
}
