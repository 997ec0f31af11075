namespace SkillsOrleans.CrashHarness;

/// <summary>
/// One credential, driven by exactly one worker, one operation at a time: everything attempted on it in order, and
/// what the worker believes its status and version are (from the last answer, or read back after an unknown outcome).
/// </summary>
public sealed class CredentialTrack(TenantPlan tenant, SkillPlan skill, string keyName)
{
    public TenantPlan Tenant { get; } = tenant;

    public SkillPlan Skill { get; } = skill;

    public string KeyName { get; } = keyName;

    /// <summary>Both keys of every skill on every tenant's runtime host, tenant by tenant.</summary>
    public static List<CredentialTrack> AllOf(IEnumerable<TenantPlan> tenants, IReadOnlyList<SkillPlan> skills) =>
        [.. tenants.SelectMany(tenant => skills.SelectMany(skill =>
            new[] { new CredentialTrack(tenant, skill, skill.PrimaryKey), new CredentialTrack(tenant, skill, skill.OtherKey) }))];

    public bool IsPrimaryEnv => KeyName == Skill.PrimaryKey;

    public string Ref => $"{Tenant.AccountId}/{Tenant.RuntimeId}/{Skill.SkillKey}/{KeyName}";

    public string Route => $"/api/accounts/{Tenant.AccountId}/credentials/{Tenant.RuntimeId}/{Skill.SkillKey}/{KeyName}";

    /// <summary>The pointer an <c>apiKey</c> SecretRef to the host secret file names for this key.</summary>
    public string SecretPointer => $"/{Tenant.AccountId}/{Skill.SkillKey}/{KeyName}";

    public List<OperationRecord> Operations { get; } = [];

    public string BelievedStatus { get; set; } = "not-requested";

    public int BelievedVersion { get; set; }

    public override string ToString() => Ref;
}
