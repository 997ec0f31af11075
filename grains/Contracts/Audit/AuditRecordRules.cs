using System.Text.RegularExpressions;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Contracts.Audit;

/// <summary>
/// What an audit row may hold, checked before it reaches the database (which checks the same again). Identifiers
/// are refused when malformed; only the free-text reason is cleaned instead. Error messages never echo a fingerprint
/// or a reason: a malformed "fingerprint" may be a value pasted by mistake.
/// </summary>
public static partial class AuditRecordRules
{
    public const int MaxCredentialRefLength = 400;
    public const int MaxCorrelationIdLength = 128;

    /// <summary>
    /// Keyed-HMAC fingerprints as hosts print them: a lower-case algorithm label, a colon and base64url without padding
    /// (<c>hmac-sha256:…</c>), at most 128 characters. Stricter than the schema's alphabet on purpose: a key pasted
    /// into the fingerprint field by mistake rarely starts with such a label, so it is refused instead of stored.
    /// </summary>
    [GeneratedRegex("^[a-z0-9-]{1,32}:[A-Za-z0-9_-]{1,95}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex FingerprintPattern();

    /// <summary>Printable ASCII without spaces: request ids, GUIDs, W3C trace ids.</summary>
    [GeneratedRegex("^[!-~]{1,128}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex CorrelationIdPattern();

    public static bool IsFingerprint(string? value) => value is not null && FingerprintPattern().IsMatch(value);

    public static bool IsCorrelationId(string? value) => value is not null && CorrelationIdPattern().IsMatch(value);

    /// <summary>The record as it will be stored (reason cleaned), or an <see cref="ArgumentException"/> naming the rule.</summary>
    public static AuditRecord Check(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Require(ResourceIds.IsAccountId(record.AccountId), $"account id '{ResourceIds.Printable(record.AccountId)}' is not an account slug");
        Require(record.RuntimeId is null || ResourceIds.IsRuntimeId(record.RuntimeId), $"runtime id '{ResourceIds.Printable(record.RuntimeId)}' is not a runtime slug");
        Require(ResourceIds.IsSubject(record.Actor), $"actor '{ResourceIds.Printable(record.Actor)}' is not a subject or agent id");
        Require(AuditActorKinds.IsKnown(record.ActorKind), $"actor kind '{ResourceIds.Printable(record.ActorKind)}' is not one of {string.Join(", ", AuditActorKinds.All)}");
        Require(AuditActions.IsKnown(record.Action), $"action '{ResourceIds.Printable(record.Action)}' is not a known audit action");
        Require(AuditOutcomes.IsKnown(record.Outcome), $"outcome '{ResourceIds.Printable(record.Outcome)}' is not one of {string.Join(", ", AuditOutcomes.All)}");
        Require(record.Version is null or >= 0, "version is negative");
        Require(record.Fingerprint is null || IsFingerprint(record.Fingerprint), "fingerprint is not a keyed-HMAC fingerprint (label:base64url, at most 128 characters)");
        Require(record.CorrelationId is null || IsCorrelationId(record.CorrelationId), "correlation id is not printable ASCII of at most 128 characters");
        if (record.CredentialRef is not null)
        {
            Require(
                record.CredentialRef.Length <= MaxCredentialRefLength && CredentialRef.TryParse(record.CredentialRef, out var parsed)
                && parsed.Value.Account == record.AccountId
                && (record.RuntimeId is null || parsed.Value.Runtime == record.RuntimeId),
                $"credential ref '{ResourceIds.Printable(record.CredentialRef)}' is malformed or not of this account and runtime");
        }

        return record with { Reason = AuditReasonText.Clean(record.Reason) };
    }

    private static void Require(bool rule, string broken)
    {
        if (!rule)
        {
            throw new ArgumentException($"Audit record refused: {broken}.");
        }
    }
}
