namespace SkillsOrleans.Contracts.Runtimes;

/// <summary>Silo metadata keys the placement of runtime grains relies on.</summary>
public static class RuntimeSiloMetadata
{
    /// <summary>Set on a silo that runs next to an OpenClaw gateway: <c>Orleans:Metadata:runtime-id</c>.</summary>
    public const string RuntimeIdKey = "runtime-id";
}
