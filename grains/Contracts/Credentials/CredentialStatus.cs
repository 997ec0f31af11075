namespace SkillsOrleans.Contracts.Credentials;

/// <summary>
/// Where a credential is in its life: pending → active → (rotated: active) → revoked → (re-requested) pending; or
/// pending → declined (an admin turned the request down, with a reason the agent reads back) → (provided by an admin) pending.
/// </summary>
public enum CredentialStatus
{
    Pending = 1,
    Active = 2,
    Revoked = 3,
    Declined = 4,
}
