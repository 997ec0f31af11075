namespace SkillsOrleans.Model;

/// <summary>
/// The name of the product's meter and activity source. The grains and the runtime host each record into their own
/// instances under this one name, and every host exports it, so the three agree on it here.
/// </summary>
public static class TelemetryNames
{
    public const string SkillsOrleans = "SkillsOrleans";
}
