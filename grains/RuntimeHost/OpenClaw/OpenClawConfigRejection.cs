namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>Why openclaw.json was left as it was.</summary>
public enum OpenClawConfigRejection
{
    /// <summary>The file cannot be read faithfully: JSON5 beyond comments and trailing commas, invalid UTF-8, duplicate names, not an object.</summary>
    Unparseable = 1,

    /// <summary>The file is not one this host may replace: a symbolic link, not a regular file, owned by another user, too large.</summary>
    Unusable = 2,

    /// <summary>The part to be edited is composed from other files with <c>$include</c>, which a rewrite of this file cannot follow.</summary>
    Unsupported = 3,

    /// <summary>The result would break OpenClaw's strict schema (an unknown key, a wrong type), so the gateway would refuse it.</summary>
    Invalid = 4,

    /// <summary>The configured validator command rejected the candidate.</summary>
    ValidatorRejected = 5,

    /// <summary>The configured validator command could not be run or did not finish in time.</summary>
    ValidatorUnavailable = 6,

    /// <summary>Another writer kept changing the file while the candidate was being prepared.</summary>
    ChangedWhileWriting = 7,
}
