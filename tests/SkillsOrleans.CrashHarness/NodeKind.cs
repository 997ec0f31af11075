namespace SkillsOrleans.CrashHarness;

/// <summary>What a process of the stack is, which is also how its kills are counted.</summary>
public enum NodeKind
{
    CoreSilo,
    RuntimeSilo,
    Api,
    Postgres,
}
