using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace ReadingTracker.Api.Persistence;

/// <summary>
/// Counts, per master, the calls that go to the server: opening a connection (with MariaDB a pooled open resets the
/// session unless the connection string turns that off, and a new connection is always a trip), each statement or
/// statement batch executed, and each begin, commit and rollback. A batch sent at once counts as one. The totals are
/// kept for the process and for the current request (<see cref="RequestConnections"/>), so a test can assert what
/// one request costs and the write path cannot creep back up unnoticed (issue 12).
/// </summary>
public sealed class RoundTrips
{
    private long _primary;
    private long _secondary;

    public long Primary => Interlocked.Read(ref _primary);

    public long Secondary => Interlocked.Read(ref _secondary);

    public long Of(MasterRole role) => role == MasterRole.Primary ? Primary : Secondary;

    internal void Add(MasterRole role)
    {
        if (role == MasterRole.Primary)
        {
            Interlocked.Increment(ref _primary);
        }
        else
        {
            Interlocked.Increment(ref _secondary);
        }
    }

    public override string ToString() => $"Primary {Primary}, Secondary {Secondary}";
}

/// <summary>A connection that tells <see cref="RoundTrips"/> about each call it sends to the server; everything else is the provider's.</summary>
internal sealed class CountingConnection(DbConnection inner, MasterRole role, RoundTrips total, bool openIsRoundTrip) : DbConnection
{
    internal DbConnection Inner => inner;

    internal void Count()
    {
        total.Add(role);
        RequestConnections.Current?.RoundTrips.Add(role);
    }

    [AllowNull]
    public override string ConnectionString
    {
        get => inner.ConnectionString;
        set => inner.ConnectionString = value;
    }

    public override string Database => inner.Database;

    public override string DataSource => inner.DataSource;

    public override string ServerVersion => inner.ServerVersion;

    public override ConnectionState State => inner.State;

    public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);

    public override void Open()
    {
        inner.Open();
        CountOpen();
    }

    public override async Task OpenAsync(CancellationToken cancellationToken)
    {
        await inner.OpenAsync(cancellationToken);
        CountOpen();
    }

    private void CountOpen()
    {
        if (openIsRoundTrip)
        {
            Count();
        }
    }

    public override void Close() => inner.Close();

    public override Task CloseAsync() => inner.CloseAsync();

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
    {
        Count();
        return new CountingTransaction(this, inner.BeginTransaction(isolationLevel));
    }

    protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken)
    {
        Count();
        return new CountingTransaction(this, await inner.BeginTransactionAsync(isolationLevel, cancellationToken));
    }

    protected override DbCommand CreateDbCommand() => new CountingCommand(this, inner.CreateCommand());

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        // The provider's own async dispose (a MariaDB connection returns to its pool without blocking); the
        // base's then finds it disposed already.
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}

internal sealed class CountingTransaction(CountingConnection connection, DbTransaction inner) : DbTransaction
{
    internal DbTransaction Inner => inner;

    public override IsolationLevel IsolationLevel => inner.IsolationLevel;

    protected override DbConnection DbConnection => connection;

    public override void Commit()
    {
        connection.Count();
        inner.Commit();
    }

    public override Task CommitAsync(CancellationToken cancellationToken = default)
    {
        connection.Count();
        return inner.CommitAsync(cancellationToken);
    }

    public override void Rollback()
    {
        connection.Count();
        inner.Rollback();
    }

    public override Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        connection.Count();
        return inner.RollbackAsync(cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        // The provider's own async dispose (a MariaDB connection returns to its pool without blocking); the
        // base's then finds it disposed already.
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}

internal sealed class CountingCommand(CountingConnection connection, DbCommand inner) : DbCommand
{
    [AllowNull]
    public override string CommandText
    {
        get => inner.CommandText;
        set => inner.CommandText = value;
    }

    public override int CommandTimeout
    {
        get => inner.CommandTimeout;
        set => inner.CommandTimeout = value;
    }

    public override CommandType CommandType
    {
        get => inner.CommandType;
        set => inner.CommandType = value;
    }

    public override bool DesignTimeVisible
    {
        get => inner.DesignTimeVisible;
        set => inner.DesignTimeVisible = value;
    }

    public override UpdateRowSource UpdatedRowSource
    {
        get => inner.UpdatedRowSource;
        set => inner.UpdatedRowSource = value;
    }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set
        {
            if (value != connection)
            {
                throw new NotSupportedException("A counted command stays on the connection that made it.");
            }
        }
    }

    protected override DbParameterCollection DbParameterCollection => inner.Parameters;

    protected override DbTransaction? DbTransaction
    {
        get => inner.Transaction;
        set => inner.Transaction = value is CountingTransaction counted ? counted.Inner : value;
    }

    public override void Cancel() => inner.Cancel();

    public override void Prepare() => inner.Prepare();

    protected override DbParameter CreateDbParameter() => inner.CreateParameter();

    public override int ExecuteNonQuery()
    {
        connection.Count();
        return inner.ExecuteNonQuery();
    }

    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        connection.Count();
        return inner.ExecuteNonQueryAsync(cancellationToken);
    }

    public override object? ExecuteScalar()
    {
        connection.Count();
        return inner.ExecuteScalar();
    }

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
    {
        connection.Count();
        return inner.ExecuteScalarAsync(cancellationToken);
    }

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        connection.Count();
        return inner.ExecuteReader(behavior);
    }

    protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        connection.Count();
        return inner.ExecuteReaderAsync(behavior, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        // The provider's own async dispose (a MariaDB connection returns to its pool without blocking); the
        // base's then finds it disposed already.
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
