using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SkillsOrleans.Hosting.Database;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// The application's database role, as the migration provisions it: it logs in with its password only, runs the
/// whole cluster, and can read and append the audit trail but neither change, delete nor unprotect it, nor touch the
/// schema.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ApplicationRoleTests(PostgresFixture postgres)
{
    [Fact]
    public async Task The_role_logs_in_with_its_password_only_and_can_append_to_the_audit_trail_but_never_change_it()
    {
        var owner = await postgres.CreateMigratedDatabaseAsync("approle");
        var settings = await ApplicationRoles.ProvisionAsync(owner);
        await ApplicationRoleProvisioner.ApplyAsync(owner, settings, NullLogger.Instance); // again: idempotent
        var application = ApplicationRoles.ConnectionString(owner, settings);

        var wrong = await Assert.ThrowsAsync<PostgresException>(() =>
            Sql.ExecuteAsync(new NpgsqlConnectionStringBuilder(application) { Password = "not-the-password-at-all" }.ConnectionString, "SELECT 1"));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, wrong.SqlState);

        await Sql.ExecuteAsync(application,
            "INSERT INTO skillsorleans_audit (account_id, actor, actor_kind, action, outcome) VALUES ('demo', 'seeder', 'system', 'account.created', 'accepted')");
        Assert.Equal(1L, await Sql.ScalarAsync<long>(application, "SELECT count(*) FROM skillsorleans_audit"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(application, "SELECT count(*) FROM orleansstorage"));

        foreach (var refused in new[]
        {
            "UPDATE skillsorleans_audit SET reason = 'rewritten'",
            "DELETE FROM skillsorleans_audit",
            "TRUNCATE skillsorleans_audit",
            "ALTER TABLE skillsorleans_audit DISABLE TRIGGER ALL",
            "DROP TABLE skillsorleans_audit",
            "CREATE TABLE intruder (id int)",
            $"SELECT count(*) FROM {SchemaMigrator.JournalTable}",
        })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(application, refused));
            Assert.True(error.SqlState is PostgresErrorCodes.InsufficientPrivilege, $"{refused}: {error.SqlState} {error.MessageText}");
        }

        Assert.Equal(1L, await Sql.ScalarAsync<long>(owner, "SELECT count(*) FROM skillsorleans_audit WHERE reason IS NULL"));
        var attributes = await Sql.ScalarAsync<bool>(owner,
            $"SELECT rolsuper OR rolcreatedb OR rolcreaterole OR rolbypassrls FROM pg_roles WHERE rolname = '{settings.Role}'");
        Assert.False(attributes);

        // The server got a verifier, never the password: not in the catalog, not in its log.
        var stored = await Sql.ScalarAsync<string>(owner, $"SELECT rolpassword FROM pg_authid WHERE rolname = '{settings.Role}'");
        Assert.StartsWith("SCRAM-SHA-256$4096:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(settings.Password, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(settings.Password, await File.ReadAllTextAsync(postgres.Server.LogFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_migration_refuses_to_make_its_own_role_the_application_or_the_runtime_role()
    {
        var owner = await postgres.CreateMigratedDatabaseAsync("approle");
        var itself = new ApplicationRoleSettings("postgres", "a-password-long-enough");
        var application = await Assert.ThrowsAsync<InvalidOperationException>(() => ApplicationRoleProvisioner.ApplyAsync(owner, itself, NullLogger.Instance));
        var runtime = await Assert.ThrowsAsync<InvalidOperationException>(() => ApplicationRoleProvisioner.ApplyRuntimeRoleAsync(owner, itself, NullLogger.Instance));

        Assert.Contains("Database:ApplicationRole 'postgres' is the role the migration connects as", application.Message, StringComparison.Ordinal);
        Assert.Contains("Database:RuntimeRole 'postgres' is the role the migration connects as", runtime.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_whole_stack_runs_as_the_application_role_and_a_delivered_key_leaves_its_audit_rows()
    {
        string? owner = null;
        await using var stack = await DemoStack.StartAsync(postgres, "approle", connectAs: async database =>
        {
            owner = database;
            return ApplicationRoles.ConnectionString(database, await ApplicationRoles.ProvisionAsync(database));
        });
        Assert.NotEqual(owner, stack.Database);
        var key = await stack.RequestAsync("trello", "TRELLO_API_KEY");
        var admin = await stack.ClientForAsync("demo-admin");

        var response = await admin.PostAsJsonAsync("/admin/skills/credentials",
            new { accountId = "demo", credentialRef = key.ToString(), secret = "sk-app-role", expectedVersion = 0 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(stack.HostHolds("sk-app-role"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(owner!,
            $"SELECT count(*) FROM skillsorleans_audit WHERE credential_ref = '{key}' AND action = 'credential.submitted'"));
        Assert.True(await Sql.ScalarAsync<long>(owner!, "SELECT count(*) FROM orleansstorage") > 0);
    }
}
