namespace SkillsOrleans.Contracts.Events;

/// <summary>Where account events travel: one Orleans stream per account, keyed by the account id.</summary>
public static class AccountEventStreams
{
    /// <summary>The stream provider silos and the API register (memory streams: live, not durable).</summary>
    public const string ProviderName = "account-events";

    public const string Namespace = "account";
}
