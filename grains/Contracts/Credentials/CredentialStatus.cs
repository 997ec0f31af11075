namespace SkillsOrleans.Contracts.Credentials;

/// <summary>Where a credential is in its life: pending → active → (rotated: active) → revoked → (re-requested) pending.</summary>
public enum CredentialStatus
{
    Pending = 1,
    Active = 2,
    Revoked = 3,
}
