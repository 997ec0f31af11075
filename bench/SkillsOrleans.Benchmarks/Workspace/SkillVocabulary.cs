namespace SkillsOrleans.Benchmarks.Workspace;

/// <summary>The words generated skills are made of: services, what a skill does with them, and how its tool installs.</summary>
internal static class SkillVocabulary
{
    public static readonly string[] Services =
    [
        "ledger", "harbor", "comet", "atlas", "quill", "beacon", "orbit", "canvas", "relay", "summit",
        "pixel", "vault", "meadow", "signal", "tundra", "forge", "lantern", "cobalt", "drift", "ember",
        "falcon", "granite", "helix", "iris", "juniper", "kestrel", "lumen", "mosaic", "nimbus", "onyx",
    ];

    public static readonly string[] Actions =
    [
        "sync", "search", "export", "report", "triage", "notify", "deploy", "backup", "summarize", "translate",
        "review", "schedule", "archive", "monitor", "import",
    ];

    public static readonly string[] Objects =
    [
        "issues", "invoices", "notes", "tickets", "calendars", "documents", "playlists", "dashboards", "contacts",
        "releases", "builds", "messages", "photos", "spreadsheets", "alerts",
    ];

    public static readonly string[] Emojis = ["📝", "☔", "✨", "📋", "🌐", "🔊", "📧", "📄", "🔐", "🧭", "📦", "🛰️", "🧾", "🎛️"];

    /// <summary>Folders that group some skills one or two levels below <c>skills/</c>.</summary>
    public static readonly string[] Groups = ["ops", "data", "comms", "finance", "media"];

    public static readonly string[] Subgroups = ["cloud", "internal", "partners"];

    public static string Pick(this Random random, string[] words) => words[random.Next(words.Length)];
}
