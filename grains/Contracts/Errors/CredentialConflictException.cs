using SkillsOrleans.Contracts.Credentials;

namespace SkillsOrleans.Contracts.Errors;

public enum CredentialConflictKind
{
    /// <summary>The caller's expected version is not the current one: somebody else changed it first.</summary>
    VersionMismatch = 1,

    /// <summary>The state machine has no such transition from the current status.</summary>
    IllegalTransition = 2,
}

/// <summary>A refused change to a credential. The API answers 409 with these details (refs and versions only).</summary>
[GenerateSerializer, Alias("skillsorleans.credential-conflict")]
public sealed class CredentialConflictException : Exception
{
    public CredentialConflictException(
        string credentialRef, CredentialConflictKind kind, CredentialStatus? currentStatus, int currentVersion, string message)
        : base(message)
    {
        CredentialRef = credentialRef;
        Kind = kind;
        CurrentStatus = currentStatus;
        CurrentVersion = currentVersion;
    }

    [Id(0)] public string CredentialRef { get; }

    [Id(1)] public CredentialConflictKind Kind { get; }

    /// <summary>Null when the credential was never requested.</summary>
    [Id(2)] public CredentialStatus? CurrentStatus { get; }

    [Id(3)] public int CurrentVersion { get; }
}
