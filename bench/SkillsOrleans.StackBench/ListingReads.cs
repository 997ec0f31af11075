using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Npgsql;
using SkillsOrleans.CrashHarness;

namespace SkillsOrleans.StackBench;

/// <summary>
/// Reads of a large account through the HTTP API: one runtime with <c>skills</c> skills, the primary key of each asked
/// for by a request file (so as many credentials), then the credential and skill listings read one after another,
/// next to the account's member list — an authenticated read of the same account with a tiny answer — as the peer.
/// Every listing must hold every skill and credential.
/// </summary>
public static class ListingReads
{
    public static async Task<int> RunAsync(int skills, int reads, bool keep, TextWriter output)
    {
        output.WriteLine($"starting the stack: PostgreSQL, 2 core silos, 2 APIs, 1 runtime silo with {skills} skills");
        await using var stack = await BenchCluster.StartAsync(1, skills, keep, output);
        var tenant = stack.Tenants[0];
        var primaries = stack.Keys.Where(key => key.IsPrimaryEnv).ToList();

        var allPending = await PendingRequests.DropAndWaitAsync(stack, tenant, primaries);
        var route = $"/api/accounts/{tenant.AccountId}";
        var members = await TimeAsync(stack.Apis, tenant, route + "/members", reads, _ => true);
        var credentials = await TimeAsync(stack.Apis, tenant, route + "/credentials", reads, listing => listing.GetArrayLength() == primaries.Count);
        var skillListing = await TimeAsync(stack.Apis, tenant, route + "/skills", reads, listing => listing.GetArrayLength() == skills);

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{primaries.Count} request files dropped at once were all listed pending after {allPending.TotalSeconds:F1} s"));
        output.WriteLine();
        output.WriteLine("| read | n | p50 ms | p95 ms | p99 ms | max ms | p99 / peer p99 |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        Row(output, "members (peer: same account, tiny answer)", members, members);
        Row(output, $"credentials ({primaries.Count})", credentials, members);
        Row(output, $"skills ({skills})", skillListing, members);
        var credentialBytes = await AnswerBytesAsync(stack.Apis, tenant, route + "/credentials");
        var skillBytes = await AnswerBytesAsync(stack.Apis, tenant, route + "/skills");
        var index = await CredentialIndexRowsAsync(stack.Processes.ConnectionString, tenant.AccountId);
        if (index.Rows != primaries.Count)
        {
            throw new InvalidOperationException($"The credential index holds {index.Rows} rows for {primaries.Count} credentials.");
        }
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"answer sizes: credentials {credentialBytes} bytes, skills {skillBytes} bytes"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"the account's credential index: {index.Rows} rows of {index.TotalBytes} bytes in all, the largest {index.LargestBytes} bytes (a credential change writes its own row)"));
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"goal: credentials and skills p99 ≤ 20 ms — credentials {P(credentials, 99):F1} ms ({(P(credentials, 99) <= 20 ? "met" : "missed")}), skills {P(skillListing, 99):F1} ms ({(P(skillListing, 99) <= 20 ? "met" : "missed")})"));
        return 0;
    }

    /// <summary>
    /// Times each read from the request to the answer's last byte, alternating between the APIs. The answer goes into a
    /// buffer kept across reads, and is parsed and checked after the clock stops: read as a new string, the skill
    /// listing would put 2 MB of large objects on the benchmark's own heap on every read, and its collections would be
    /// timed as if they were the API's.
    /// </summary>
    private static async Task<IReadOnlyList<double>> TimeAsync(ApiPair apis, TenantPlan tenant, string route, int reads, Func<JsonElement, bool> complete)
    {
        var token = await apis.TokenAsync(tenant.Owner) ?? throw new InvalidOperationException("No API minted a token.");
        using var answer = new MemoryStream();
        var milliseconds = new List<double>(reads);
        for (var i = 0; i < reads; i++)
        {
            var api = apis.Apis[i % apis.Apis.Count];
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(api.Url, route));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            answer.SetLength(0);
            var started = Stopwatch.GetTimestamp();
            using (var response = await apis.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
            {
                await response.Content.CopyToAsync(answer);
                var elapsed = Stopwatch.GetElapsedTime(started);
                using var body = response.IsSuccessStatusCode ? JsonDocument.Parse(answer.GetBuffer().AsMemory(0, (int)answer.Length)) : null;
                if (body is null || !complete(body.RootElement))
                {
                    throw new InvalidOperationException($"GET {route} on {api.Name} answered {(int)response.StatusCode} or an incomplete listing.");
                }

                milliseconds.Add(elapsed.TotalMilliseconds);
            }
        }

        return milliseconds;
    }

    private static async Task<int> AnswerBytesAsync(ApiPair apis, TenantPlan tenant, string route)
    {
        var answer = await apis.SendAsync(tenant.Owner, () => new HttpRequestMessage(HttpMethod.Get, route));
        return answer.IsSuccess
            ? System.Text.Encoding.UTF8.GetByteCount(answer.Body)
            : throw new InvalidOperationException($"GET {route} answered {answer.Status} {answer.Failure}.");
    }

    private static async Task<(long Rows, long TotalBytes, int LargestBytes)> CredentialIndexRowsAsync(string connectionString, string accountId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*), coalesce(sum(pg_column_size(snapshot)), 0)::bigint, coalesce(max(pg_column_size(snapshot)), 0) from skillsorleans_credential_index where account_id = $1",
            connection)
        {
            Parameters = { new() { Value = accountId } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2));
    }

    private static double P(IReadOnlyList<double> sample, double percent) => Percentile.Of([.. sample], percent)!.Value;

    private static void Row(TextWriter output, string name, IReadOnlyList<double> sample, IReadOnlyList<double> peer) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {sample.Count} | {P(sample, 50):F1} | {P(sample, 95):F1} | {P(sample, 99):F1} | {P(sample, 100):F1} | ×{P(sample, 99) / P(peer, 99):F1} |"));
}
