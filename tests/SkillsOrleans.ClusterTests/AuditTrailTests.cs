using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.ClientHosting.Audit;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>The audit trail against real PostgreSQL: what it stores, how it pages, and what the database refuses.</summary>
[Collection(PostgresCollection.Name)]
public sealed partial class AuditTrailTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string AccountA = "acme";
    private const string AccountB = "globex";
    private const string Runtime = "acme-runtime-1";
    private const string WhisperRef = "acme/acme-runtime-1/openai-whisper-api/OPENAI_API_KEY";

    private readonly List<NpgsqlDataSource> _dataSources = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
    }

    [Fact]
    public async Task Appended_records_read_back_newest_first_with_every_field()
    {
        var (trail, _) = await NewTrailAsync();
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        AuditRecord[] appended =
        [
            new(AccountA, "main", AuditActorKinds.Agent, AuditActions.CredentialRequested, AuditOutcomes.Accepted)
            {
                RuntimeId = Runtime, CredentialRef = WhisperRef, Version = 0, Reason = "transcribe voice notes",
            },
            new(AccountA, "acme-admin", AuditActorKinds.User, AuditActions.CredentialSubmitted, AuditOutcomes.Accepted)
            {
                RuntimeId = Runtime, CredentialRef = WhisperRef, Version = 1, Fingerprint = "hmac-sha256:Qk9PTV9iYWRfZmluZ2Vy",
                CorrelationId = "req-0001",
            },
            new(AccountA, "acme-admin", AuditActorKinds.User, AuditActions.CredentialRevoked, AuditOutcomes.Refused)
            {
                CredentialRef = WhisperRef, Version = 1, Reason = "version-mismatch",
            },
        ];
        foreach (var record in appended)
        {
            await trail.AppendAsync(record, CancellationToken.None);
        }

        var page = await trail.ReadAsync(AccountA, after: null, limit: 10, CancellationToken.None);

        Assert.Equal(appended.Reverse(), page.Entries.Select(e => e.Record));
        Assert.True(page.Entries.Zip(page.Entries.Skip(1)).All(pair => pair.First.Id > pair.Second.Id));
        Assert.All(page.Entries, e => Assert.InRange(e.OccurredAt, before, DateTimeOffset.UtcNow.AddMinutes(1)));
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Keyset_paging_has_no_duplicates_or_gaps_while_rows_are_appended()
    {
        var (trail, connectionString) = await NewTrailAsync();
        // Five rows from one transaction share one timestamp, so page boundaries fall inside a tie the id must break.
        await Sql.ExecuteAsync(connectionString, string.Join(';', Enumerable.Range(0, 5).Select(i =>
            $"INSERT INTO skillsorleans_audit (account_id, actor, actor_kind, action, outcome, reason) VALUES ('{AccountA}', 'seeder', 'system', 'member.set', 'accepted', 'tie {i}')")));
        for (var i = 0; i < 4; i++)
        {
            await trail.AppendAsync(Member(AccountA, $"single {i}"), CancellationToken.None);
        }

        var existing = await AllIdsAsync(connectionString, AccountA);
        var seen = new List<long>();
        AuditCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = await trail.ReadAsync(AccountA, cursor, limit: 3, CancellationToken.None);
            seen.AddRange(page.Entries.Select(e => e.Id));
            cursor = page.Next;
            pages++;
            await trail.AppendAsync(Member(AccountA, $"arrived after page {pages}"), CancellationToken.None);
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(existing, seen);
        Assert.Equal(12, (await AllIdsAsync(connectionString, AccountA)).Count);
    }

    [Theory]
    [InlineData("UPDATE skillsorleans_audit SET reason = 'rewritten'")]
    [InlineData("UPDATE skillsorleans_audit SET outcome = 'accepted' WHERE id = -1")]
    [InlineData("DELETE FROM skillsorleans_audit")]
    [InlineData("DELETE FROM skillsorleans_audit WHERE id = -1")]
    [InlineData("TRUNCATE skillsorleans_audit")]
    public async Task The_database_refuses_to_change_or_remove_rows(string sql)
    {
        var (trail, connectionString) = await NewTrailAsync();
        await trail.AppendAsync(Member(AccountA, "kept"), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(connectionString, sql));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        var page = await trail.ReadAsync(AccountA, null, 10, CancellationToken.None);
        Assert.Equal("kept", Assert.Single(page.Entries).Record.Reason);
    }

    [Fact]
    public async Task The_database_stamps_the_time_whatever_the_writer_sends()
    {
        var (trail, connectionString) = await NewTrailAsync();

        await Sql.ExecuteAsync(connectionString,
            "INSERT INTO skillsorleans_audit (occurred_at, account_id, actor, actor_kind, action, outcome) " +
            $"VALUES ('2001-01-01T00:00:00Z', '{AccountA}', 'seeder', 'system', 'account.created', 'accepted')");

        var entry = Assert.Single((await trail.ReadAsync(AccountA, null, 10, CancellationToken.None)).Entries);
        Assert.InRange(entry.OccurredAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Theory]
    [InlineData("ck_skillsorleans_audit_action")]
    [InlineData("ck_skillsorleans_audit_outcome")]
    [InlineData("ck_skillsorleans_audit_actor_kind")]
    public async Task The_schema_checks_exactly_the_values_the_code_knows(string constraint)
    {
        var (_, connectionString) = await NewTrailAsync();
        var known = constraint switch
        {
            "ck_skillsorleans_audit_action" => AuditActions.All,
            "ck_skillsorleans_audit_outcome" => AuditOutcomes.All,
            _ => AuditActorKinds.All,
        };

        var definition = await Sql.ScalarAsync<string>(connectionString,
            $"SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = '{constraint}'");

        var checkedValues = QuotedLiteral().Matches(definition).Select(m => m.Groups[1].Value);
        Assert.Equal(known.Order(StringComparer.Ordinal), checkedValues.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_known_value_is_stored_and_an_unknown_one_is_refused_by_the_database()
    {
        var (trail, connectionString) = await NewTrailAsync();
        foreach (var action in AuditActions.All)
        {
            foreach (var outcome in AuditOutcomes.All)
            {
                await trail.AppendAsync(new AuditRecord(AccountA, "acme-admin", AuditActorKinds.User, action, outcome), CancellationToken.None);
            }
        }

        var refused = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(connectionString,
            $"INSERT INTO skillsorleans_audit (account_id, actor, actor_kind, action, outcome) VALUES ('{AccountA}', 'x', 'user', 'credential.leaked', 'accepted')"));

        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
        Assert.Equal(AuditActions.All.Count * AuditOutcomes.All.Count, (await AllIdsAsync(connectionString, AccountA)).Count);
    }

    [Theory]
    [InlineData("hmac-sha256:abc def")]
    [InlineData("hmac-sha256:c2VjcmV0==")]
    [InlineData("sk-live-4f9a0c1d2e3b")]
    [InlineData("hmac-sha256:")]
    public async Task A_malformed_fingerprint_is_refused_before_reaching_the_database(string fingerprint)
    {
        // A data source nobody listens behind: reaching it would fail differently (AuditWriteException).
        var trail = UnreachableTrail();
        var record = new AuditRecord(AccountA, "acme-admin", AuditActorKinds.User, AuditActions.CredentialSubmitted, AuditOutcomes.Accepted)
        {
            CredentialRef = WhisperRef, Version = 1, Fingerprint = fingerprint,
        };

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => trail.AppendAsync(record, CancellationToken.None));

        Assert.DoesNotContain(fingerprint, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fingerprint_too_long_for_the_schema_is_refused_before_reaching_the_database()
    {
        var record = new AuditRecord(AccountA, "acme-admin", AuditActorKinds.User, AuditActions.CredentialRotated, AuditOutcomes.Accepted)
        {
            Fingerprint = "hmac-sha256:" + new string('A', 117),
        };

        await Assert.ThrowsAsync<ArgumentException>(() => UnreachableTrail().AppendAsync(record, CancellationToken.None));
    }

    [Fact]
    public async Task A_credential_of_another_account_is_refused_by_the_code_and_by_the_database()
    {
        var (trail, connectionString) = await NewTrailAsync();
        var foreign = new AuditRecord(AccountB, "globex-admin", AuditActorKinds.User, AuditActions.CredentialRevoked, AuditOutcomes.Accepted)
        {
            CredentialRef = WhisperRef,
        };

        await Assert.ThrowsAsync<ArgumentException>(() => trail.AppendAsync(foreign, CancellationToken.None));
        var refused = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(connectionString,
            $"INSERT INTO skillsorleans_audit (account_id, actor, actor_kind, action, outcome, credential_ref) VALUES ('{AccountB}', 'x', 'user', 'credential.revoked', 'accepted', '{WhisperRef}')"));
        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
    }

    [Fact]
    public async Task An_unreachable_database_makes_the_append_fail_fast_with_an_audit_write_error()
    {
        var trail = UnreachableTrail();
        var clock = Stopwatch.StartNew();

        var failed = await Assert.ThrowsAsync<AuditWriteException>(() => trail.AppendAsync(Member(AccountA, "lost"), CancellationToken.None));

        Assert.True(clock.Elapsed < PostgresAuditTrail.DefaultWriteTimeout, $"took {clock.Elapsed}");
        Assert.Equal((AccountA, AuditActions.MemberSet), (failed.AccountId, failed.Action));
    }

    [Fact]
    public async Task A_database_that_never_answers_makes_the_append_fail_within_the_write_timeout()
    {
        // Connections land in the listen backlog and are never served: the client waits for a startup reply forever.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(postgres.Server.ConnectionString("audit")) { Port = port }.ConnectionString);
        _dataSources.Add(dataSource);
        var trail = new PostgresAuditTrail(dataSource, NullLogger<PostgresAuditTrail>.Instance, TimeSpan.FromSeconds(2));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<AuditWriteException>(() => trail.AppendAsync(Member(AccountA, "stuck"), CancellationToken.None));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_caller_that_gives_up_sees_its_own_cancellation()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(postgres.Server.ConnectionString("audit")) { Port = ((IPEndPoint)silent.LocalEndpoint).Port }.ConnectionString);
        _dataSources.Add(dataSource);
        var trail = new PostgresAuditTrail(dataSource, NullLogger<PostgresAuditTrail>.Instance);
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => trail.AppendAsync(Member(AccountA, "abandoned"), giveUp.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Listeners_are_told_the_new_row_id_and_account_and_nothing_else()
    {
        var (trail, connectionString) = await NewTrailAsync();
        await using var listener = new NpgsqlConnection(connectionString);
        await listener.OpenAsync();
        var received = new TaskCompletionSource<NpgsqlNotificationEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.Notification += (_, notification) => received.TrySetResult(notification);
        await using (var listen = new NpgsqlCommand("LISTEN skillsorleans_audit", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        await trail.AppendAsync(Member(AccountA, "watched") with { Fingerprint = "hmac-sha256:d2F0Y2hlZA" }, CancellationToken.None);
        // An idle connection hears notifications only while it waits on the server.
        await Eventually.TrueAsync(async () =>
        {
            await listener.WaitAsync(TimeSpan.FromSeconds(1));
            return received.Task.IsCompleted;
        });

        var notification = await received.Task.WaitAsync(TimeSpan.FromSeconds(1));
        var row = Assert.Single((await trail.ReadAsync(AccountA, null, 10, CancellationToken.None)).Entries);
        Assert.Equal("skillsorleans_audit", notification.Channel);
        using var payload = JsonDocument.Parse(notification.Payload);
        Assert.Equal(["account_id", "id"], payload.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(row.Id, payload.RootElement.GetProperty("id").GetInt64());
        Assert.Equal(AccountA, payload.RootElement.GetProperty("account_id").GetString());
    }

    [Fact]
    public async Task Reading_one_account_never_returns_another_accounts_rows()
    {
        var (trail, _) = await NewTrailAsync();
        for (var i = 0; i < 6; i++)
        {
            await trail.AppendAsync(Member(AccountA, $"a{i}"), CancellationToken.None);
            await trail.AppendAsync(Member(AccountB, $"b{i}"), CancellationToken.None);
        }

        var newestOfB = (await trail.ReadAsync(AccountB, null, 1, CancellationToken.None)).Entries[0];
        var allOfA = await ReadAllAsync(trail, AccountA, pageSize: 4);
        var afterBsCursor = await trail.ReadAsync(AccountA, newestOfB.Cursor, AuditPage.MaxLimit, CancellationToken.None);

        Assert.Equal(6, allOfA.Count);
        Assert.All(allOfA.Concat(afterBsCursor.Entries), e => Assert.Equal(AccountA, e.Record.AccountId));
        Assert.Empty(await ReadAllAsync(trail, "initech", pageSize: 4));
    }

    [Fact]
    public async Task A_reason_is_stored_without_control_characters_and_within_its_bound()
    {
        var (trail, _) = await NewTrailAsync();
        var forged = "bad request\r\n2025-01-01 INFO all good\u0007\u2028" + new string('x', 600);

        await trail.AppendAsync(Member(AccountA, forged), CancellationToken.None);

        var reason = Assert.Single((await trail.ReadAsync(AccountA, null, 1, CancellationToken.None)).Entries).Record.Reason!;
        Assert.StartsWith("bad request2025-01-01 INFO all good", reason, StringComparison.Ordinal);
        Assert.Equal(AuditReasonText.MaxLength, reason.Length);
        Assert.DoesNotContain(reason, char.IsControl);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(AuditPage.MaxLimit + 1)]
    public async Task A_page_size_out_of_range_is_refused(int limit)
    {
        var (trail, _) = await NewTrailAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => trail.ReadAsync(AccountA, null, limit, CancellationToken.None));
    }

    [Fact]
    public async Task The_registration_helper_provides_one_trail_on_its_own_data_source()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync("audit");
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddPostgresAuditTrail(connectionString)
            .AddPostgresAuditTrail(connectionString)
            .BuildServiceProvider();

        var trail = services.GetRequiredService<IAuditTrail>();
        await trail.AppendAsync(Member(AccountA, "registered"), CancellationToken.None);

        Assert.Same(services.GetRequiredService<PostgresAuditTrail>(), trail);
        Assert.Single((await trail.ReadAsync(AccountA, null, 10, CancellationToken.None)).Entries);
    }

    private static AuditRecord Member(string account, string reason) =>
        new(account, $"{account}-owner", AuditActorKinds.User, AuditActions.MemberSet, AuditOutcomes.Accepted) { Reason = reason };

    private async Task<(PostgresAuditTrail Trail, string ConnectionString)> NewTrailAsync()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync("audit");
        return (Trail(connectionString), connectionString);
    }

    private PostgresAuditTrail UnreachableTrail() =>
        Trail(new NpgsqlConnectionStringBuilder(postgres.Server.ConnectionString("audit")) { Port = FreePorts.Next(), Timeout = 5 }.ConnectionString);

    private PostgresAuditTrail Trail(string connectionString)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        _dataSources.Add(dataSource);
        return new PostgresAuditTrail(dataSource, NullLogger<PostgresAuditTrail>.Instance);
    }

    private static async Task<List<AuditEntry>> ReadAllAsync(PostgresAuditTrail trail, string accountId, int pageSize)
    {
        var entries = new List<AuditEntry>();
        AuditCursor? cursor = null;
        do
        {
            var page = await trail.ReadAsync(accountId, cursor, pageSize, CancellationToken.None);
            entries.AddRange(page.Entries);
            cursor = page.Next;
        }
        while (cursor is not null);

        return entries;
    }

    private static async Task<List<long>> AllIdsAsync(string connectionString, string accountId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT id FROM skillsorleans_audit WHERE account_id = $1 ORDER BY occurred_at DESC, id DESC", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = accountId });
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<long>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex QuotedLiteral();
}
