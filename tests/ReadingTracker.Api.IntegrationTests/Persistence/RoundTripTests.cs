using System.Collections.Concurrent;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Memos;
using ReadingTracker.Api.Persistence;
using Xunit.Abstractions;

namespace ReadingTracker.Api.IntegrationTests.Persistence;

/// <summary>Keeps, per request, the round trips it made to each master (counted where connections are made).</summary>
public sealed class RoundTripAppFactory : AppFactory
{
    public ConcurrentQueue<(string Request, long Primary, long Secondary)> Requests { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new Recorder(this)));
    }

    private sealed class Recorder(RoundTripAppFactory factory) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate inner) =>
            {
                await inner(context);
                if (context.Items[RequestConnections.ItemKey] is RequestConnections scope)
                {
                    factory.Requests.Enqueue(($"{context.Request.Method} {context.Request.Path}", scope.RoundTrips.Primary, scope.RoundTrips.Secondary));
                }
            });
            next(app);
        };
    }
}

/// <summary>
/// What one memo create costs on the wire (issue 12): a batch sent at once is one round trip. The bar is 8 for
/// both masters together, the crash-safety outbox included; these figures keep it from creeping back up.
/// </summary>
public sealed class RoundTripTests(RoundTripAppFactory app, ITestOutputHelper output) : IClassFixture<RoundTripAppFactory>
{
    [Fact]
    public async Task CreateMemo_WithOneTagAndAClientId_MakesAtMostEightRoundTripsToBothMasters()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        // Warm: the schema check, the tag catalogue and the pools are per process, not per request.
        Assert.True((await client.CreateMemoAsync(book, tags: ["quote"], clientId: Guid.NewGuid().ToString())).Ok);
        app.Requests.Clear();

        var statements = await GeneralLog.CountAsync(app, async () =>
            Assert.True((await client.CreateMemoAsync(book, tags: ["quote"], clientId: Guid.NewGuid().ToString())).Ok));

        var create = Assert.Single(app.Requests, r => r.Request == "POST /api/v1/memos");
        output.WriteLine($"{TestDatabases.Provider}: round trips Primary {create.Primary}, Secondary {create.Secondary}; {statements}");
        // MariaDB (issue 12's bar is 8 together; it was 19: Primary 14, Secondary 5): the session reset on open, the user lookup, the clientId
        // and entry read, the transaction in two (START TRANSACTION + inserts, then outbox + COMMIT); Secondary's
        // reset and its transaction at once. The outbox DELETE is off the request path (SettledOutbox), shared by the
        // writes that settled meanwhile. SQLite has no wire: every statement counts (was 14 and 5; 8 and 5 before the
        // memo's search row, issue 16, which rides in MariaDB's batches but is one more statement on each SQLite master).
        var (primary, secondary) = TestDatabases.IsMySql ? (5, 2) : (9, 6);
        Assert.True(create.Primary <= primary && create.Secondary <= secondary, $"Primary {create.Primary}, Secondary {create.Secondary}");
        Assert.True(create.Primary + create.Secondary <= 7 || !TestDatabases.IsMySql);
    }

    /// <summary>
    /// Issue 13: a memo past the entry's progress also moves it, with a history row, in the same transaction. The entry
    /// is locked and read in the transaction's first round trip and the move rides in the second, so the bar holds.
    /// </summary>
    [Fact]
    public async Task CreateMemo_ThatMovesTheProgress_MakesAtMostEightRoundTripsToBothMasters()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        Assert.True((await client.CreateMemoAsync(book, tags: ["quote"], clientId: Guid.NewGuid().ToString(), pageNumber: 100)).Ok);
        app.Requests.Clear();

        var statements = await GeneralLog.CountAsync(app, async () =>
        {
            var moved = await client.CreateMemoAsync(book, tags: ["quote"], clientId: Guid.NewGuid().ToString(), pageNumber: 200);
            Assert.True(moved.Ok, moved.ToString());
            Assert.True(moved.Data.GetProperty("progress").GetProperty("moved").GetBoolean());
        });

        var create = Assert.Single(app.Requests, r => r.Request == "POST /api/v1/memos");
        output.WriteLine($"{TestDatabases.Provider}: round trips Primary {create.Primary}, Secondary {create.Secondary}; {statements}");
        // MariaDB: as above, with SELECT … FOR UPDATE of the entry in the first round trip of the transaction and the
        // entry's UPDATE and the history INSERT in the second; Secondary's transaction still at once. SQLite: three
        // statements more on Primary (the locked read, the update, the history row), two on Secondary; the outbox
        // DELETE is off the request path on both; the memo's search row (issue 16) and the entry's version increment (issue 14)
        // are one more each on each SQLite master.
        var (primary, secondary) = TestDatabases.IsMySql ? (5, 2) : (13, 9);
        Assert.True(create.Primary <= primary && create.Secondary <= secondary, $"Primary {create.Primary}, Secondary {create.Secondary}");
        Assert.True(create.Primary + create.Secondary <= 7 || !TestDatabases.IsMySql);
    }
}

/// <summary>MariaDB's own account of what it was sent: the general log, read for this test's database only.</summary>
internal static class GeneralLog
{
    public static async Task<string> CountAsync(AppFactory app, Func<Task> act)
    {
        if (!TestDatabases.IsMySql)
        {
            await act();
            return "general log: MariaDB only";
        }

        var counts = new List<string>();
        var masters = new[] { ("Primary", app.Primary), ("Secondary", app.Secondary) };
        foreach (var (_, server) in masters)
        {
            await using var connection = new MySqlConnection(server);
            await connection.ExecuteAsync("SET GLOBAL log_output = 'TABLE'; SET GLOBAL general_log = 1");
        }

        try
        {
            await act();
        }
        finally
        {
            foreach (var (name, server) in masters)
            {
                await using var connection = new MySqlConnection(server);
                await connection.OpenAsync();
                await connection.ExecuteAsync("SET GLOBAL general_log = 0");
                var database = connection.Database;
                // The pool's connections stay open on this test's database: their thread ids pick its statements out.
                var lines = (await connection.QueryAsync<(string Command, string Argument)>(
                    "SELECT command_type, CONVERT(argument USING utf8mb4) FROM mysql.general_log WHERE thread_id IN " +
                    "(SELECT id FROM information_schema.processlist WHERE db = @database AND id <> CONNECTION_ID()) ORDER BY event_time",
                    new { database })).ToList();
                counts.Add($"{name} {lines.Count} commands: " + string.Join(" | ", lines.Select(l => l.Command == "Query" ? Shorten(l.Argument) : l.Command)));
                await connection.ExecuteAsync("TRUNCATE mysql.general_log");
            }
        }

        return string.Join("; ", counts);
    }

    private static string Shorten(string sql) => sql.Length <= 60 ? sql : sql[..60] + "…";
}
