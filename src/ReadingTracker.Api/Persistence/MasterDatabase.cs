using System.Data.Common;

namespace ReadingTracker.Api.Persistence;

public enum MasterRole
{
    Primary,
    Secondary,
}

/// <summary>One of the two masters: knows how to open a connection and which SQL dialect it speaks.</summary>
public sealed class MasterDatabase(MasterRole role, SqlDialect dialect, Func<DbConnection> connectionFactory)
{
    public MasterRole Role { get; } = role;

    public SqlDialect Dialect { get; } = dialect;

    public string Name => Role.ToString();

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = connectionFactory();
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
}
