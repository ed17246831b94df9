using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using Dapper;

namespace ReadingTracker.Api.Persistence;

/// <summary>
/// Applies the versioned SQL files under Persistence/Migrations/{provider} to a master, once, in order,
/// recording each in schema_migrations. Both masters are migrated at start-up; a master that was down
/// then is migrated before it takes its first write. Several instances may start at once on one database: the one
/// that holds the "schema" lease migrates, the others wait for it and then find nothing left to do.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "DI singleton for the process lifetime")]
public sealed partial class SchemaMigrator(Leases leases, ILogger<SchemaMigrator> logger, TimeProvider time)
{
    private readonly ConcurrentDictionary<MasterRole, bool> _migrated = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task EnsureMigratedAsync(MasterDatabase master, CancellationToken ct)
    {
        if (_migrated.ContainsKey(master.Role))
        {
            return;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_migrated.ContainsKey(master.Role))
            {
                return;
            }

            await MigrateAsync(master, ct);
            _migrated[master.Role] = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forget that a master was migrated, so the next write checks again (after it was rebuilt).</summary>
    public void Invalidate(MasterRole role) => _migrated.TryRemove(role, out _);

    private async Task MigrateAsync(MasterDatabase master, CancellationToken ct)
    {
        await using var connection = await master.OpenAsync(ct);
        if (master.Dialect.Provider == DatabaseProvider.Sqlite)
        {
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        }

        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INT NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
        await connection.ExecuteAsync(Leases.CreateTableSql(master.Dialect.Provider));
        if (await PendingAsync(connection, master.Dialect.Provider) is [])
        {
            return;
        }

        // A database's schema is migrated by one instance at a time; a start that died half-way frees it by expiry.
        await leases.AcquireWaitingAsync(master, SchemaLease, SchemaLeaseTime, ct);
        try
        {
            foreach (var (version, name, sql) in await PendingAsync(connection, master.Dialect.Provider))
            {
                // Renewed before each file, so only a single file longer than the lease could meet another migrator.
                await leases.TryAcquireAsync(master, SchemaLease, ct, SchemaLeaseTime);
                await ApplyAsync(connection, version, name, sql, ct);
                LogMigrationApplied(logger, master.Name, version, name);
            }
        }
        finally
        {
            await leases.ReleaseAsync(master, SchemaLease);
        }
    }

    private const string SchemaLease = "schema";

    private static readonly TimeSpan SchemaLeaseTime = TimeSpan.FromSeconds(30);

    private static async Task<List<(int Version, string Name, string Sql)>> PendingAsync(DbConnection connection, DatabaseProvider provider)
    {
        var applied = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations")).ToHashSet();
        return [.. LoadMigrations(provider).Where(m => !applied.Contains(m.Version))];
    }

    private async Task ApplyAsync(DbConnection connection, int version, string name, string sql, CancellationToken ct)
    {
        // MariaDB commits DDL implicitly, so a migration is not atomic there: a start that dies half-way leaves the
        // file partly applied and unrecorded, and the next start runs it again. Files up to 0012 keep one concern
        // each; from 0013 on every statement is IF NOT EXISTS, so a re-run finishes the file
        // (SchemaParityTests.MariaDbMigrationsFrom0013_RunAgainAfterAStartThatDiedHalfWay).
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(sql, transaction: transaction);
        await connection.ExecuteAsync(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
            new { version, name, at = time.GetUtcNow().ToUnixTimeMilliseconds() },
            transaction);
        await transaction.CommitAsync(ct);
    }

    internal static IEnumerable<(int Version, string Name, string Sql)> LoadMigrations(DatabaseProvider provider)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var prefix = $"{assembly.GetName().Name}.Persistence.Migrations.{provider}.";
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var fileName = resource[prefix.Length..];
            var version = int.Parse(fileName[..4], System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (version, Path.GetFileNameWithoutExtension(fileName), reader.ReadToEnd());
        }
    }

    [LoggerMessage(EventId = 1201, EventName = "MigrationApplied", Level = LogLevel.Information,
        Message = "Applied migration {Version} {Name} to {Master}")]
    private static partial void LogMigrationApplied(ILogger logger, string master, int version, string name);
}
