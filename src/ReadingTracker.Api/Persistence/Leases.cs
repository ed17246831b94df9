using Dapper;
using Microsoft.Extensions.Options;

namespace ReadingTracker.Api.Persistence;

/// <summary>
/// Work that one server instance at a time must do — a recovery or outbox-replay pass, housekeeping, migrating a
/// database — takes a lease first: a row in the leases table naming its holder and when it expires (ADR-012). A lease
/// is taken when it is free, expired, or already this instance's, in one upsert, so two instances asking at once
/// get one answer; on Galera the loser's upsert fails certification, which is a "no" as well. Holders release
/// at the end of the work; a holder that died releases by expiry (Database:LeaseSeconds). Nobody waits for a lease
/// except the migrator: the others skip their pass and try at the next one.
/// </summary>
public sealed partial class Leases(IOptions<DatabaseOptions> options, TimeProvider time, ILogger<Leases> logger)
{
    /// <summary>This process among the instances: random, so a restarted instance does not inherit a dead one's leases.</summary>
    public string Holder { get; } = NewHolder();

    /// <summary>How long a lease lasts unless it is released or renewed (Database:LeaseSeconds).</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    /// <summary>The table, on each database, before the first migration: the lock that guards migrations needs it.</summary>
    public static string CreateTableSql(DatabaseProvider provider) => provider == DatabaseProvider.MySql
        ? "CREATE TABLE IF NOT EXISTS leases (name VARCHAR(64) NOT NULL PRIMARY KEY, holder VARCHAR(64) NOT NULL, expires_at BIGINT NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"
        : "CREATE TABLE IF NOT EXISTS leases (name VARCHAR(64) NOT NULL PRIMARY KEY, holder VARCHAR(64) NOT NULL, expires_at BIGINT NOT NULL)";

    public async Task<bool> TryAcquireAsync(MasterDatabase master, string name, CancellationToken ct, TimeSpan? ttl = null)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var expires = now + (long)(ttl ?? Duration).TotalMilliseconds;
        // MariaDB applies the assignments left to right: holder changes only when the lease is free or ours, and the
        // expiry follows only when the holder (now) is us.
        var upsert = master.Dialect.Provider == DatabaseProvider.MySql
            ? """
              INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @expires)
              ON DUPLICATE KEY UPDATE holder = IF(expires_at < @now OR holder = @holder, VALUES(holder), holder),
                                      expires_at = IF(holder = @holder, VALUES(expires_at), expires_at)
              """
            : """
              INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @expires)
              ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
              WHERE leases.expires_at < @now OR leases.holder = excluded.holder
              """;
        var args = new { name, holder = Holder, expires, now };
        try
        {
            await using var connection = await master.OpenAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(upsert, args, cancellationToken: ct));
            var holder = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                "SELECT holder FROM leases WHERE name = @name", args, cancellationToken: ct));
            if (holder == Holder)
            {
                return true;
            }

            LogHeldElsewhere(logger, name, holder ?? "nobody");
            return false;
        }
        catch (Exception ex) when (SqlDialect.IsTransientConflict(ex))
        {
            // Another instance's upsert of the same lease won (a lock wait, or Galera certification): theirs.
            LogHeldElsewhere(logger, name, "a concurrent taker");
            return false;
        }
    }

    /// <summary>Waits for a lease another instance holds (the migrator: the schema must be there before any request).</summary>
    public async Task AcquireWaitingAsync(MasterDatabase master, string name, TimeSpan ttl, CancellationToken ct)
    {
        while (!await TryAcquireAsync(master, name, ct, ttl))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), time, ct);
        }
    }

    /// <summary>Ends this instance's lease at once, so the next pass anywhere need not wait for its expiry.</summary>
    public async Task ReleaseAsync(MasterDatabase master, string name)
    {
        try
        {
            await using var connection = await master.OpenAsync(CancellationToken.None);
            await connection.ExecuteAsync("DELETE FROM leases WHERE name = @name AND holder = @holder", new { name, holder = Holder });
        }
        catch (Exception ex) when (SqlDialect.IsConnectionFailure(ex) || SqlDialect.IsTransientConflict(ex))
        {
            // It expires on its own.
            LogReleaseFailed(logger, name, ex.Message);
        }
    }

    private static string NewHolder()
    {
        var holder = $"{Guid.NewGuid():N}@{Environment.MachineName}";
        return holder.Length > 64 ? holder[..64] : holder;
    }

    [LoggerMessage(EventId = 1210, EventName = "LeaseHeldElsewhere", Level = LogLevel.Debug,
        Message = "Lease {Lease} is held by {Holder}; this instance skips the work")]
    private static partial void LogHeldElsewhere(ILogger logger, string lease, string holder);

    [LoggerMessage(EventId = 1211, EventName = "LeaseReleaseFailed", Level = LogLevel.Warning,
        Message = "Lease {Lease} could not be released; it expires on its own: {Error}")]
    private static partial void LogReleaseFailed(ILogger logger, string lease, string error);
}
