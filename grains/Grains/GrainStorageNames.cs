namespace SkillsOrleans.Grains;

/// <summary>Names of the grain storage providers every silo must register.</summary>
public static class GrainStorageNames
{
    /// <summary>Account, credential and runtime state (references, roles and statuses — never a secret).</summary>
    public const string State = "skillsorleans";
}
