using System.Data.Common;

namespace ReadingTracker.Api.Persistence;

public enum MasterRole
{
    Primary,
    Secondary,
}

/// <summary>One of the two masters: knows how to open a connection and which SQL dialect it speaks.</summary>
/// <param name="openIsRoundTrip">Whether opening (a pooled) connection goes to the server: MariaDB resets the session
/// unless <c>Connection Reset=false</c>; SQLite opens a file.</param>
public sealed class MasterDatabase(MasterRole role, SqlDialect dialect, Func<DbConnection> connectionFactory, RoundTrips? roundTrips = null, bool openIsRoundTrip = true)
{
    private readonly RoundTrips _roundTrips = roundTrips ?? new RoundTrips();

    public MasterRole Role { get; } = role;

    public SqlDialect Dialect { get; } = dialect;

    public string Name => Role.ToString();

    /// <summary>The calls this process has sent to this master.</summary>
    public long RoundTrips => _roundTrips.Of(Role);

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        // The one place connections are made: each is counted (RoundTrips).
        var connection = new CountingConnection(connectionFactory(), Role, _roundTrips, openIsRoundTrip);
        try
        {
            await connection.OpenAsync(ct);
            await Dialect.PrepareConnectionAsync(connection, ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the current request's connection to this master (one per request, see
    /// <see cref="RequestConnections"/>), or on a connection of its own outside a request. The work must leave the
    /// session as it found it: no open transaction, no session variables.
    /// </summary>
    public Task<T> UseAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken ct) =>
        RequestConnections.Current is { } request ? request.UseAsync(this, work, ct) : UseOwnAsync(work, ct);

    private async Task<T> UseOwnAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await work(connection);
    }
}
