using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Hosting.Database;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// The runtime silos' database role, as the migration provisions it: Orleans' membership, the query catalog and
/// reminders, and the state rows of the runtime grain — the database refuses it everything else (other grains'
/// state, the audit trail, the skill catalogs, the schema), and a whole runtime silo runs on it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RuntimeRoleTests(PostgresFixture postgres)
{
    private const string Service = "skillsorleans-tests";

    [Fact]
    public async Task The_runtime_role_reads_and_writes_runtime_grain_state_and_the_database_refuses_it_the_tenants_rows()
    {
        var owner = await postgres.CreateMigratedDatabaseAsync("rtrole");
        var application = ApplicationRoles.ConnectionString(owner, await ApplicationRoles.ProvisionAsync(owner));
        var settings = await ApplicationRoles.ProvisionRuntimeAsync(owner);
        await ApplicationRoleProvisioner.ApplyRuntimeRoleAsync(owner, settings, NullLogger.Instance); // again: idempotent
        var runtime = ApplicationRoles.ConnectionString(owner, settings);

        // What core silos wrote: an account's state, an audit row, a runtime's catalog; and one runtime's own state.
        Assert.Equal(1, await Sql.ScalarAsync<int>(owner, Write("account", "acme", null)));
        Assert.Equal(1, await Sql.ScalarAsync<int>(owner, Write("credential", "acme/acme-rt-1/trello/TRELLO_TOKEN", null)));
        Assert.Equal(1, await Sql.ScalarAsync<int>(owner, Write("runtime", "acme-rt-1", null)));
        await Sql.ExecuteAsync(owner,
            "INSERT INTO skillsorleans_audit (account_id, actor, actor_kind, action, outcome) VALUES ('acme', 'seeder', 'system', 'account.created', 'accepted')");
        await Sql.ExecuteAsync(owner, "INSERT INTO skillsorleans_runtime_catalog (runtime_id, account_id, scanned_at) VALUES ('acme-rt-1', 'acme', now())");
        await Sql.ExecuteAsync(owner, "INSERT INTO skillsorleans_skill (runtime_id, folder, manifest) VALUES ('acme-rt-1', 'trello', '{}')");

        // Its own grain type: read, create, update.
        Assert.Equal(["runtime"], await ColumnAsync(runtime, "SELECT DISTINCT graintypestring FROM orleansstorage"));
        Assert.Equal(1, await Sql.ScalarAsync<int>(runtime, Write("runtime", "acme-rt-2", null)));
        Assert.Equal(2, await Sql.ScalarAsync<int>(runtime, Write("runtime", "acme-rt-2", 1)));
        Assert.Equal(2L, await Sql.ScalarAsync<long>(runtime, "SELECT count(*) FROM orleansstorage"));

        // Other grain types: invisible, and neither written, moved to, created nor deleted.
        Assert.Equal(0L, await Sql.ScalarAsync<long>(runtime, "SELECT count(*) FROM orleansstorage WHERE graintypestring IN ('account', 'credential')"));
        Assert.Equal(1, await Sql.ScalarAsync<int>(runtime, Write("account", "acme", 1))); // the version it sent back: a conflict, nothing written
        Assert.Equal(0, await Sql.ExecuteAsync(runtime, "UPDATE orleansstorage SET payloadbinary = 'x'::bytea WHERE graintypestring = 'account'"));
        Assert.Equal(0, await Sql.ExecuteAsync(runtime, "DELETE FROM orleansstorage WHERE graintypestring <> 'runtime'"));
        await RefusedAsync(runtime, Write("account", "globex", null)); // a forged row for a new account
        await RefusedAsync(runtime, Write("credential", "acme/acme-rt-1/trello/TRELLO_API_KEY", null));
        await RefusedAsync(runtime, "UPDATE orleansstorage SET graintypestring = 'account' WHERE grainidextensionstring = 'acme-rt-2'");
        Assert.Equal(
            ["account:1:{}", "credential:1:{}", "runtime:1:{}", "runtime:2:{}"],
            await ColumnAsync(owner, "SELECT graintypestring || ':' || version || ':' || convert_from(payloadbinary, 'UTF8') FROM orleansstorage ORDER BY 1"));
        Assert.Equal(4L, await Sql.ScalarAsync<long>(application, "SELECT count(*) FROM orleansstorage")); // the application role sees every row

        // Orleans' cluster tables it needs: membership (read and write), queries and reminders (read).
        Assert.Equal(1, await Sql.ExecuteAsync(runtime, "INSERT INTO orleansmembershipversiontable (deploymentid) VALUES ('rt-cluster')"));
        Assert.Equal(1, await Sql.ExecuteAsync(runtime, "UPDATE orleansmembershipversiontable SET version = version + 1 WHERE deploymentid = 'rt-cluster'"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(runtime, "SELECT count(*) FROM orleansquery WHERE querykey = 'CleanupDefunctSiloEntriesKey'"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(runtime, "SELECT count(*) FROM orleansreminderstable"));

        foreach (var refused in new[]
        {
            "SELECT count(*) FROM skillsorleans_audit",
            "INSERT INTO skillsorleans_audit (account_id, actor, actor_kind, action, outcome) VALUES ('acme', 'forger', 'system', 'account.created', 'accepted')",
            "SELECT count(*) FROM skillsorleans_runtime_catalog",
            "SELECT count(*) FROM skillsorleans_skill",
            "INSERT INTO skillsorleans_skill (runtime_id, folder, manifest) VALUES ('acme-rt-1', 'forged', '{}')",
            "UPDATE skillsorleans_runtime_catalog SET account_id = 'globex'",
            "DELETE FROM skillsorleans_skill",
            "SELECT count(*) FROM skillsorleans_account",
            "INSERT INTO skillsorleans_account (account_id, display_name, created_at, skills_poc_enabled, members, runtimes) VALUES ('forged', 'Forged', now(), true, 1, 0)",
            "UPDATE skillsorleans_account SET skills_poc_enabled = false",
            "SELECT count(*) FROM skillsorleans_runtime",
            "INSERT INTO skillsorleans_runtime (runtime_id, account_id) VALUES ('forged-rt', 'acme')",
            "UPDATE skillsorleans_runtime SET account_id = 'globex'",
            "SELECT count(*) FROM skillsorleans_credential_index",
            "INSERT INTO skillsorleans_credential_index (account_id, credential_ref, version, updated_at, snapshot) VALUES ('acme', 'acme/acme-rt-1/trello/TRELLO_API_KEY', 9, now(), '{}')",
            "INSERT INTO orleansreminderstable (serviceid, grainid, remindername, starttime, period, grainhash, version) VALUES ('s', 'g', 'r', now(), 60000, 1, 0)",
            "UPDATE orleansquery SET querytext = 'SELECT 1' WHERE querykey = 'ReadFromStorageKey'",
            "DELETE FROM orleansmembershipversiontable",
            "TRUNCATE orleansstorage",
            "UPDATE skillsorleans_grain_state_scope SET grain_types = NULL",
            "INSERT INTO skillsorleans_grain_state_scope (role_name, grain_types) VALUES (current_user, NULL)",
            "ALTER TABLE orleansstorage DISABLE ROW LEVEL SECURITY",
            "DROP POLICY orleansstorage_listed_grain_types ON orleansstorage",
            "SET row_security = off; SELECT count(*) FROM orleansstorage",
            $"SELECT count(*) FROM {SchemaMigrator.JournalTable}",
            "CREATE TABLE intruder (id int)",
        })
        {
            await RefusedAsync(runtime, refused);
        }

        // The policies bind the storage functions too: none of our functions runs with its owner's rights.
        Assert.Equal(0L, await Sql.ScalarAsync<long>(owner, "SELECT count(*) FROM pg_proc WHERE proname LIKE 'skillsorleans\\_%' AND prosecdef"));
        Assert.True(await Sql.ScalarAsync<long>(owner, "SELECT count(*) FROM pg_proc WHERE proname LIKE 'skillsorleans\\_%'") >= 3);
        Assert.False(await Sql.ScalarAsync<bool>(owner,
            $"SELECT rolsuper OR rolcreatedb OR rolcreaterole OR rolbypassrls FROM pg_roles WHERE rolname = '{settings.Role}'"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(owner, "SELECT count(*) FROM skillsorleans_audit WHERE actor = 'seeder'")); // untouched
    }

    [Fact]
    public async Task Switching_the_protection_on_keeps_what_earlier_roles_read_and_a_rerun_never_widens_the_runtime_role()
    {
        var owner = await postgres.CreateMigratedDatabaseAsync("rtscope");
        var runtime = await ApplicationRoles.ProvisionRuntimeAsync(owner);
        var earlier = "earlier_" + new NpgsqlConnectionStringBuilder(owner).Database;
        await Sql.ExecuteAsync(owner, $"CREATE ROLE {earlier} NOLOGIN; GRANT SELECT, INSERT, UPDATE ON orleansstorage TO {earlier}");

        // As after an upgrade from a schema without the scripts' journal: every script runs again.
        await Sql.ExecuteAsync(owner, $"DROP TABLE {SchemaMigrator.JournalTable}");
        await SchemaMigrator.ApplyAsync(owner, NullLogger.Instance);

        Assert.Equal(
            [$"{earlier}:every grain type", $"{runtime.Role}:{{runtime}}"],
            await ColumnAsync(owner,
                "SELECT role_name || ':' || coalesce(grain_types::text, 'every grain type') FROM skillsorleans_grain_state_scope ORDER BY role_name"));
    }

    [Fact]
    public async Task A_runtime_silo_on_the_runtime_role_joins_serves_its_runtime_and_takes_a_key_through_core_silos()
    {
        string? owner = null;
        ApplicationRoleSettings? runtimeRole = null;
        var logs = new CapturedLogs();
        await using var stack = await DemoStack.StartAsync(
            postgres,
            "rtstack",
            logs: logs,
            skills: new Dictionary<string, string> { ["trello"] = DemoStackFixture.TrelloSkill },
            connectAs: async database =>
            {
                owner = database;
                return ApplicationRoles.ConnectionString(database, await ApplicationRoles.ProvisionAsync(database));
            },
            runtimeConnectAs: async database =>
            {
                runtimeRole = await ApplicationRoles.ProvisionRuntimeAsync(database);
                return ApplicationRoles.ConnectionString(database, runtimeRole);
            });

        // Started (it has registered with its account and published its catalog, through core silos), on its role.
        var status = await stack.Core.Grains.GetGrain<IRuntimeGrain>(DemoStack.Runtime).GetStatusAsync();
        Assert.Equal(stack.RuntimeSilo.Address.ToString(), status.HostSilo);
        Assert.Null(status.RegistrationError);
        Assert.Equal(["trello"], (await stack.Core.Grains.ReadSkillCatalogsAsync("demo")).Single().Skills.Select(s => s.SkillKey));
        Assert.True(await Sql.ScalarAsync<long>(owner!,
            $"SELECT count(*) FROM pg_stat_activity WHERE usename = '{runtimeRole!.Role}' AND datname = current_database()") > 0);
        Assert.Equal(3, await Sql.ScalarAsync<int>(owner!,
            $"SELECT status FROM orleansmembershiptable WHERE port = {stack.RuntimeSilo.Address.Endpoint.Port}")); // Active

        // A request file it sets aside is recorded by its account's grain on a core silo.
        var inbox = Directory.CreateDirectory(Path.Combine(stack.Workspace, "requests", "skill-credentials"));
        var request = Path.Combine(inbox.FullName, "unknown.json");
        File.WriteAllText(request, """{"skill":"not-installed","key":"SOME_KEY","agentId":"main"}""");
        File.SetLastWriteTimeUtc(request, DateTime.UtcNow.AddMinutes(-1));
        await Eventually.TrueAsync(async () => await Sql.ScalarAsync<long>(owner!,
            $"SELECT count(*) FROM skillsorleans_audit WHERE action = '{AuditActions.CredentialRequestRejected}' AND runtime_id = '{DemoStack.Runtime}' AND actor = 'main'") == 1);
        await Eventually.TrueAsync(() => Task.FromResult(!File.Exists(request)));

        // A key delivered end to end, and the runtime grain's own state written by the runtime role.
        var key = await stack.RequestAsync("trello", "TRELLO_API_KEY");
        var admin = await stack.ClientForAsync("demo-admin");
        var response = await admin.PostAsJsonAsync("/admin/skills/credentials",
            new { accountId = "demo", credentialRef = key.ToString(), secret = "sk-runtime-role", expectedVersion = 0 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(stack.HostHolds("sk-runtime-role"));
        await Eventually.TrueAsync(async () => await Sql.ScalarAsync<int>(owner!,
            $"SELECT version FROM orleansstorage WHERE graintypestring = 'runtime' AND grainidextensionstring = '{DemoStack.Runtime}'") >= 2);

        // Nothing on the runtime silo reached for a table its role may not use.
        Assert.DoesNotContain(logs.Entries, entry => entry.Contains(PostgresErrorCodes.InsufficientPrivilege, StringComparison.Ordinal)
            || entry.Contains("permission denied", StringComparison.OrdinalIgnoreCase) || entry.Contains("row-level security", StringComparison.Ordinal));
    }

    /// <summary>The grain storage write as Orleans issues it (the WriteToStorageKey query), for one string-keyed grain.</summary>
    private static string Write(string grainType, string key, int? version) =>
        $"SELECT skillsorleans_write_grain_state(hashtext('{key}'), 0, 0, hashtext('{grainType}'), '{grainType}', '{key}', '{Service}', " +
        $"{(version is null ? "NULL" : version.ToString())}, convert_to('{{}}', 'UTF8'))";

    private static async Task RefusedAsync(string connectionString, string sql)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(connectionString, sql));
        Assert.True(error.SqlState is PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {error.SqlState} {error.MessageText}");
    }

    private static async Task<List<string>> ColumnAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
