namespace SkillsOrleans.CrashHarness;

/// <summary>
/// Compares each credential's host files and API listing with what its history allows. If the last operation was
/// acknowledged, the state is exactly its result: a stored value is in the secret file (and openclaw.json refers to
/// it) and listed active at that version; a revocation leaves neither file naming the key and lists it revoked; a
/// request lists it pending. If operations of unknown outcome followed, the host holds the acknowledged value or one
/// of theirs (or nothing, if one of them or the acknowledged one removed it), the listed version is not below the
/// acknowledged one, and the listed status agrees with the host. Refused operations changed nothing, so they allow
/// nothing. Values are never printed: they are named by the operation that sent them.
/// </summary>
public static class ConvergenceCheck
{
    public static async Task<IReadOnlyList<CredentialViolation>> CheckAsync(ApiPair apis, StackProcesses stack, IReadOnlyList<CredentialTrack> tracks)
    {
        var files = stack.Hosts.ToDictionary(host => host.Key, host => HostFiles.Read(host.Value), StringComparer.Ordinal);
        var listings = new Dictionary<string, IReadOnlyDictionary<string, ListedCredential>?>(StringComparer.Ordinal);
        foreach (var tenant in tracks.Select(track => track.Tenant).Distinct())
        {
            listings[tenant.AccountId] = await CredentialListing.ReadAsync(apis, tenant);
        }

        var violations = new List<CredentialViolation>();
        foreach (var track in tracks)
        {
            var host = files[track.Tenant.RuntimeId];
            var listing = listings[track.Tenant.AccountId];
            var (problems, configProblems) = Evaluate(track, host, listing?.GetValueOrDefault(track.Ref), listing is null);
            if (problems.Count + configProblems.Count > 0)
            {
                violations.Add(new CredentialViolation(track.Ref, [.. problems, .. configProblems], problems.Count == 0, History(track)));
            }
        }

        return violations;
    }

    private const int HistoryShown = 8;

    /// <summary>The credential's last operations (values never shown; an operation's number stands for its value).</summary>
    public static string History(CredentialTrack track)
    {
        lock (track.Operations)
        {
            var skipped = Math.Max(0, track.Operations.Count - HistoryShown);
            return (skipped > 0 ? $"({skipped} earlier) " : "") +
                string.Join(" | ", track.Operations.Select((operation, i) => $"#{i} {operation}").Skip(skipped));
        }
    }

    private static (List<string> Problems, List<string> ConfigProblems) Evaluate(
        CredentialTrack track, HostFiles host, ListedCredential? listed, bool listingUnavailable)
    {
        List<OperationRecord> operations;
        lock (track.Operations)
        {
            operations = [.. track.Operations];
        }

        var problems = new List<string>();
        var configProblems = new List<string>();
        var value = host.SecretValue(track.Tenant.AccountId, track.Skill.SkillKey, track.KeyName);
        var entry = host.ConfigEntry(track.Skill.SkillKey, track.KeyName, track.IsPrimaryEnv);
        string Describe(string? held) => held is null ? "nothing" :
            operations.FindIndex(o => o.Value == held) is var i and >= 0 ? $"the value of #{i}" : "a value this run never sent";

        // openclaw.json must follow the secret file: a SecretRef to it for the primary env, the same value for another key.
        if (value is null && entry is not null)
        {
            configProblems.Add("openclaw.json still names the key, which the secret file does not hold");
        }
        else if (value is not null && entry != (track.IsPrimaryEnv ? track.SecretPointer : value))
        {
            configProblems.Add(entry is null
                ? "openclaw.json does not name the key the secret file holds"
                : $"openclaw.json holds {Describe(entry)} while the secret file holds {Describe(value)}");
        }

        if (listingUnavailable)
        {
            problems.Add("the API did not list the account's credentials");
        }
        else if (listed is null)
        {
            problems.Add("the API does not list the credential");
        }

        var lastAck = operations.FindLastIndex(o => o.Outcome == OperationOutcome.Acknowledged);
        if (lastAck < 0)
        {
            problems.Add("no acknowledged operation at all (not even its request)");
            return (problems, configProblems);
        }

        var acked = operations[lastAck];
        var unknownAfter = operations.Skip(lastAck + 1).Where(o => o.Outcome == OperationOutcome.Unknown).ToList();
        if (unknownAfter.Count == 0)
        {
            var expected = acked.Stores ? acked.Value : null;
            if (value != expected)
            {
                problems.Add($"host holds {Describe(value)}, expected {Describe(expected)} (acknowledged #{lastAck})");
            }

            if (listed is not null && (listed.Status != acked.AckStatus || listed.Version != acked.AckVersion))
            {
                problems.Add($"API lists {listed.Status} v{listed.Version}, acknowledged {acked.AckStatus} v{acked.AckVersion} (#{lastAck})");
            }

            return (problems, configProblems);
        }

        var allowed = unknownAfter.Where(o => o.Stores).Select(o => o.Value).Append(acked.Stores ? acked.Value : null).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var absenceAllowed = !acked.Stores || unknownAfter.Any(o => !o.Stores);
        if (value is null ? !absenceAllowed : !allowed.Contains(value))
        {
            problems.Add($"host holds {Describe(value)}, which neither acknowledged #{lastAck} nor a later unanswered operation explains");
        }

        if (listed is not null)
        {
            if (listed.Version < acked.AckVersion)
            {
                problems.Add($"API lists v{listed.Version}, below acknowledged v{acked.AckVersion} (#{lastAck})");
            }

            if ((listed.Status == "active") != (value is not null))
            {
                problems.Add($"API lists {listed.Status} while the host holds {Describe(value)}");
            }
        }

        return (problems, configProblems);
    }
}
