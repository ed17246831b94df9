using System.Data.Common;

namespace ReadingTracker.Api.Persistence;

/// <summary>
/// One request's connections to the masters: at most one per master, opened on first use and reused by the
/// request's reads and its write transactions, then returned to the pool when the request ends (issue 12: a memo
/// create took a pooled connection — and MariaDB a session reset — for each read and each write step). It also
/// counts the request's round trips. Set for the request's whole async flow by
/// <see cref="RequestConnectionsExtensions.UseRequestConnections"/>, ahead of authentication, so the per-request user
/// lookup shares the connection. Background work (recovery, housekeeping) runs outside any request: there
/// <see cref="Current"/> is null and every use opens its own connection.
/// </summary>
/// <remarks>
/// A connection is lent to one use at a time. A use that finds it lent (a read abandoned at its deadline still runs on
/// it) opens a connection of its own, and a use that fails gives it up: the next use starts on a fresh one, so a
/// broken or half-used session is never reused by the request.
/// </remarks>
public sealed class RequestConnections : IAsyncDisposable
{
    public const string ItemKey = "rt.request-connections";

    private static readonly AsyncLocal<RequestConnections?> CurrentScope = new();

    private readonly Slot[] _slots = [new(), new()];

    public static RequestConnections? Current => CurrentScope.Value;

    public RoundTrips RoundTrips { get; } = new();

    /// <summary>
    /// The request may write (any method but GET, HEAD and OPTIONS): its reads decide what it writes, or that it needs
    /// to write nothing, so they are Primary's to answer (<see cref="FailoverReader"/>).
    /// </summary>
    public bool Writes { get; private init; }

    internal static RequestConnections Begin(bool writes = false)
    {
        var scope = new RequestConnections { Writes = writes };
        CurrentScope.Value = scope;
        return scope;
    }

    /// <summary>Lends this request's connection to <paramref name="master"/> (opening it on first use) to <paramref name="work"/>.</summary>
    internal async Task<T> UseAsync<T>(MasterDatabase master, Func<DbConnection, Task<T>> work, CancellationToken ct)
    {
        var slot = _slots[(int)master.Role];
        if (!slot.TryLend(out var held))
        {
            await using var own = await master.OpenAsync(ct);
            return await work(own);
        }

        DbConnection? connection = held;
        try
        {
            connection ??= await master.OpenAsync(ct);
            var result = await work(connection);
            connection = slot.GiveBack(connection);
            return result;
        }
        finally
        {
            // Failed, or the request ended meanwhile: this connection is not kept.
            slot.Release();
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var slot in _slots)
        {
            if (slot.End() is { } connection)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private sealed class Slot
    {
        private readonly Lock _lock = new();
        private DbConnection? _connection;
        private bool _lent;
        private bool _ended;

        public bool TryLend(out DbConnection? connection)
        {
            lock (_lock)
            {
                connection = null;
                if (_lent || _ended)
                {
                    return false;
                }

                _lent = true;
                (connection, _connection) = (_connection, null);
                return true;
            }
        }

        /// <summary>Keeps the connection for the request's next use; returns it back when the request has ended.</summary>
        public DbConnection? GiveBack(DbConnection connection)
        {
            lock (_lock)
            {
                if (_ended)
                {
                    return connection;
                }

                _connection = connection;
                return null;
            }
        }

        public void Release()
        {
            lock (_lock)
            {
                _lent = false;
            }
        }

        public DbConnection? End()
        {
            lock (_lock)
            {
                _ended = true;
                (var connection, _connection) = (_connection, null);
                return connection;
            }
        }
    }
}

public static class RequestConnectionsExtensions
{
    public static WebApplication UseRequestConnections(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var method = context.Request.Method;
            await using var connections = RequestConnections.Begin(writes: !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method));
            context.Items[RequestConnections.ItemKey] = connections;
            await next(context);
        });
        return app;
    }
}
