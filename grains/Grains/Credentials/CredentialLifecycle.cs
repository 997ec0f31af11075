using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Grains.Credentials;

/// <summary>
/// The credential state machine as pure functions over the current snapshot (null = never requested):
/// <code>
///            request           submit            revoke
///   (none) ─────────► pending ───────► active ───────► revoked
///                     │    ▲ ▲           │ ▲ submit       │
///              decline│    │ │           └─┘ (rotate)     │ request
///                     ▼    │ └────────────────────────────┘
///                  declined┘ provide (an admin)
/// </code>
/// Everything else is refused with a <see cref="CredentialConflictException"/>. A request on a pending or active
/// credential changes nothing (agents may ask twice); an agent's request on a declined one is refused with the admin's
/// reason (<see cref="CredentialRequestDeclinedException"/>), and only an admin providing the key opens it again.
/// The version counts deliveries and is never reused.
/// </summary>
public static class CredentialLifecycle
{
    public const int MaxReasonLength = 500;
    public const int MaxFingerprintLength = 128;

    /// <summary>An agent asks for the key: opens it, reopens a revoked one, or finds it pending or active; a declined one stays declined.</summary>
    public static CredentialRequestResult Request(
        CredentialRef credentialRef, CredentialSnapshot? current, CredentialRequest request, DateTimeOffset now)
    {
        if (current is { Status: CredentialStatus.Declined })
        {
            throw new CredentialRequestDeclinedException(credentialRef.ToString(), current.DeclineReason ?? "no reason given");
        }

        return Open(credentialRef, current, request, now);
    }

    /// <summary>An admin opens the key ahead of a request: as a request would, and a declined key opens again too.</summary>
    public static CredentialRequestResult Provision(
        CredentialRef credentialRef, CredentialSnapshot? current, CredentialProvision provision, DateTimeOffset now)
    {
        var actor = ResourceIds.RequireSubject(provision.Actor);
        var opened = Open(credentialRef, current, new CredentialRequest(null, $"provided ahead of a request by {actor}"), now);
        return opened.Outcome is RequestOutcome.Created or RequestOutcome.Reopened
            ? opened with { Credential = opened.Credential with { UpdatedBy = actor } }
            : opened;
    }

    /// <summary>pending → declined, with the admin's reason. The version stays: no value was ever delivered for this request.</summary>
    public static CredentialSnapshot Decline(
        CredentialRef credentialRef, CredentialSnapshot? current, CredentialDecline decline, DateTimeOffset now)
    {
        var actor = ResourceIds.RequireSubject(decline.Actor);
        var reason = NormalizeReason(decline.Reason)
            ?? throw new ArgumentException("Say why the request is declined: the agent reads the reason.", nameof(decline));
        if (current is not { Status: CredentialStatus.Pending })
        {
            throw IllegalTransition(credentialRef, current, "decline",
                current is null ? "it was never requested" : $"it is {current.Status.ToString().ToLowerInvariant()}, not pending");
        }

        return current with
        {
            Status = CredentialStatus.Declined,
            DeclineReason = reason,
            UpdatedBy = actor,
            UpdatedAt = now,
        };
    }

    private static CredentialRequestResult Open(
        CredentialRef credentialRef, CredentialSnapshot? current, CredentialRequest request, DateTimeOffset now)
    {
        var agentId = NormalizeAgentId(request.AgentId);
        var reason = NormalizeReason(request.Reason);

        return current?.Status switch
        {
            null => new CredentialRequestResult(
                RequestOutcome.Created,
                new CredentialSnapshot(credentialRef.ToString(), CredentialStatus.Pending, 0, null, agentId, reason, now, agentId, now)),
            CredentialStatus.Revoked or CredentialStatus.Declined => new CredentialRequestResult(
                RequestOutcome.Reopened,
                current with
                {
                    Status = CredentialStatus.Pending,
                    Fingerprint = null,
                    RequestedByAgent = agentId,
                    RequestReason = reason,
                    RequestedAt = now,
                    UpdatedBy = agentId,
                    UpdatedAt = now,
                    DeclineReason = null,
                }),
            CredentialStatus.Pending => new CredentialRequestResult(RequestOutcome.AlreadyPending, current),
            CredentialStatus.Active => new CredentialRequestResult(RequestOutcome.AlreadyActive, current),
            _ => throw new InvalidOperationException($"Unknown credential status {current.Status}."),
        };
    }

    /// <summary>
    /// The version a delivery would create, if a value may be submitted now: the credential is pending (first
    /// delivery) or active (rotation) and, when the caller names one, at the expected version.
    /// </summary>
    public static int NextDeliveryVersion(CredentialRef credentialRef, CredentialSnapshot? current, int? expectedVersion)
    {
        if (current is null or { Status: CredentialStatus.Revoked or CredentialStatus.Declined })
        {
            throw IllegalTransition(credentialRef, current, "submit a value for", current?.Status switch
            {
                null => "it was never requested",
                CredentialStatus.Revoked => "it was revoked; an agent must request it again",
                _ => "its request was declined; provide it ahead of a request to open it again",
            });
        }

        CheckExpectedVersion(credentialRef, current, expectedVersion);
        return current.NextVersion();
    }

    /// <summary>A value was delivered: pending → active (first delivery) or active → active (rotation), version + 1.</summary>
    public static CredentialSnapshot Activate(
        CredentialRef credentialRef, CredentialSnapshot? current, CredentialActivation activation, DateTimeOffset now)
    {
        var actor = ResourceIds.RequireSubject(activation.Actor);
        var fingerprint = RequireFingerprint(activation.Fingerprint);
        var version = NextDeliveryVersion(credentialRef, current, activation.ExpectedVersion);
        return current! with
        {
            Status = CredentialStatus.Active,
            Version = version,
            Fingerprint = fingerprint,
            UpdatedBy = actor,
            UpdatedAt = now,
        };
    }

    /// <summary>active → revoked. The version stays: it names the last value delivered.</summary>
    public static CredentialSnapshot Revoke(
        CredentialRef credentialRef, CredentialSnapshot? current, CredentialRevocation revocation, DateTimeOffset now)
    {
        var actor = ResourceIds.RequireSubject(revocation.Actor);
        if (current is not { Status: CredentialStatus.Active })
        {
            throw IllegalTransition(credentialRef, current, "revoke",
                current is null ? "it was never requested" : $"it is {current.Status.ToString().ToLowerInvariant()}, not active");
        }

        CheckExpectedVersion(credentialRef, current, revocation.ExpectedVersion);
        return current with
        {
            Status = CredentialStatus.Revoked,
            Fingerprint = null,
            UpdatedBy = actor,
            UpdatedAt = now,
        };
    }

    private static void CheckExpectedVersion(CredentialRef credentialRef, CredentialSnapshot current, int? expectedVersion)
    {
        if (expectedVersion is { } expected && expected != current.Version)
        {
            throw new CredentialConflictException(
                credentialRef.ToString(),
                CredentialConflictKind.VersionMismatch,
                current.Status,
                current.Version,
                $"Credential '{credentialRef}' is at version {current.Version}, not the expected {expected}; reload and try again.");
        }
    }

    private static CredentialConflictException IllegalTransition(
        CredentialRef credentialRef, CredentialSnapshot? current, string action, string why) =>
        new(
            credentialRef.ToString(),
            CredentialConflictKind.IllegalTransition,
            current?.Status,
            current?.Version ?? 0,
            $"Cannot {action} credential '{credentialRef}': {why}.");

    private static string? NormalizeAgentId(string? agentId)
    {
        if (string.IsNullOrEmpty(agentId))
        {
            return null;
        }

        return ResourceIds.IsSubject(agentId) && agentId.Length <= 64
            ? agentId
            : throw new ArgumentException($"'{ResourceIds.Printable(agentId)}' is not a valid agent id.", nameof(agentId));
    }

    /// <summary>Reasons are free text from an agent: bounded and stripped of control characters before anyone renders them.</summary>
    private static string? NormalizeReason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return null;
        }

        var printable = new string([.. reason.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        return printable.Length > MaxReasonLength ? printable[..MaxReasonLength] : printable;
    }

    private static string RequireFingerprint(string? fingerprint)
    {
        if (string.IsNullOrEmpty(fingerprint)
            || fingerprint.Length > MaxFingerprintLength
            || !fingerprint.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '-' or '_'))
        {
            throw new ArgumentException("A fingerprint is 1–128 characters of [A-Za-z0-9:_-].", nameof(fingerprint));
        }

        return fingerprint;
    }
}
