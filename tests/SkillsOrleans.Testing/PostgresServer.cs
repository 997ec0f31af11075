using Npgsql;

namespace SkillsOrleans.Testing;

/// <summary>
/// A throw-away PostgreSQL server started from this machine's binaries in a temporary directory, listening on a
/// free loopback port, removed on dispose. As root, the server runs as the 'postgres' system user (PostgreSQL
/// refuses root). Durability settings are relaxed by default: most tests prove our logic, not PostgreSQL's crash
/// safety. A durable server (<see cref="StartAsync(bool)"/> with <c>durable: true</c>) keeps PostgreSQL's own defaults,
/// so a commit it acknowledged survives <see cref="StopImmediatelyAsync"/> and <see cref="RestartAsync"/>. Connections are trusted, except for members of <see cref="PasswordUsers"/>, who must log in with their password
/// (SCRAM-SHA-256), as the application role does in production.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private readonly string _binDir;
    private readonly DirectoryInfo _root;
    private int _databaseCounter;

    private PostgresServer(string binDir, DirectoryInfo root, int port, bool durable)
    {
        _binDir = binDir;
        _root = root;
        Port = port;
        Durable = durable;
    }

    /// <summary>A group role: its members' connections are checked against their passwords.</summary>
    public const string PasswordUsers = "password_users";

    public int Port { get; }

    /// <summary>Whether commits are flushed to disk before they are acknowledged (fsync and synchronous commit on).</summary>
    public bool Durable { get; }

    /// <summary>The server's own log (errors, and any statement it chose to log).</summary>
    public string LogFile => Path.Combine(_root.FullName, "server.log");

    private string DataDir => Path.Combine(_root.FullName, "data");

    /// <param name="durable">Keep PostgreSQL's crash-safe defaults instead of the relaxed settings tests use.</param>
    public static async Task<PostgresServer> StartAsync(bool durable = false)
    {
        var binDir = FindBinDir();
        var root = Directory.CreateTempSubdirectory("skillsorleans-pg-");
        Directory.CreateDirectory(Path.Combine(root.FullName, "data"));
        if (RunningAsRoot)
        {
            await ProcessRunner.RunAsync("chown", ["-R", "postgres", root.FullName], CommandTimeout);
        }

        for (var attempt = 1; ; attempt++)
        {
            var server = new PostgresServer(binDir, root, FreePorts.Next(), durable);
            try
            {
                await server.InitAndStartAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process may have taken the port between our probe and the server's bind.
            }
        }
    }

    /// <summary>A new, empty database on this server.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databaseCounter)}_{Guid.NewGuid().ToString("N")[..8]}".ToLowerInvariant();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Database = database,
            Username = "postgres",
            Pooling = true,

            // Every test class gets its own database, so its own pool; close idle connections soon after the class
            // is done instead of letting hundreds of them wait out Npgsql's default five minutes.
            ConnectionIdleLifetime = 5,
            ConnectionPruningInterval = 2,
        }.ConnectionString;

    /// <summary>A plain-SQL dump of one database, as an operator's backup would contain it.</summary>
    public Task<string> DumpAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        return ProcessRunner.RunAsync(
            Path.Combine(_binDir, "pg_dump"),
            ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "--no-owner", database],
            CommandTimeout);
    }

    /// <summary>
    /// Stops the server the way a power cut would look to it (<c>pg_ctl stop -m immediate</c>): no checkpoint, open
    /// connections cut; the next start replays the write-ahead log. Returns the server process's id, which has exited.
    /// </summary>
    public async Task<int?> StopImmediatelyAsync()
    {
        var pid = ServerProcessId();
        await AsServerUser(Path.Combine(_binDir, "pg_ctl"), ["-D", DataDir, "-m", "immediate", "-w", "stop"]);
        return pid;
    }

    /// <summary>Starts the server again on the same data directory and port, after a stop.</summary>
    public Task RestartAsync() => InitAndStartAsync();

    /// <summary>The postmaster's process id while it runs (from its lock file), else null.</summary>
    public int? ServerProcessId()
    {
        var lockFile = Path.Combine(DataDir, "postmaster.pid");
        try
        {
            var firstLine = File.ReadLines(lockFile).FirstOrDefault();
            return int.TryParse(firstLine, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsServerUser(Path.Combine(_binDir, "pg_ctl"), ["-D", DataDir, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped; the directory goes either way.
        }

        _root.Delete(recursive: true);
    }

    private async Task InitAndStartAsync()
    {
        if (!File.Exists(Path.Combine(DataDir, "PG_VERSION")))
        {
            await AsServerUser(Path.Combine(_binDir, "initdb"),
                ["-D", DataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"]);
            await File.WriteAllTextAsync(Path.Combine(DataDir, "pg_hba.conf"), $"""
                host all +{PasswordUsers} 127.0.0.1/32 scram-sha-256
                host all all 127.0.0.1/32 trust
                """);
        }

        var durability = Durable ? "" : "-c fsync=off -c synchronous_commit=off -c full_page_writes=off ";
        var options = $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories='' -c timezone=UTC " +
                      durability + "-c max_connections=1000";
        await AsServerUser(Path.Combine(_binDir, "pg_ctl"),
            ["-D", DataDir, "-l", LogFile, "-w", "-t", "60", "-o", options, "start"]);

        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var group = new NpgsqlCommand(
            $"DO $$ BEGIN CREATE ROLE {PasswordUsers} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$", connection);
        await group.ExecuteNonQueryAsync();
    }

    private static Task<string> AsServerUser(string command, IEnumerable<string> arguments) =>
        RunningAsRoot
            ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", command, .. arguments], CommandTimeout)
            : ProcessRunner.RunAsync(command, arguments, CommandTimeout);

    private static bool RunningAsRoot => Environment.UserName == "root";

    private static string FindBinDir()
    {
        var configured = Environment.GetEnvironmentVariable("SKILLSORLEANS_PG_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found under /usr/lib/postgresql; deploy/local/test.sh installs them.");
    }
}
