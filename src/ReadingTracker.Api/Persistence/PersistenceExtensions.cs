using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using MySqlConnector;
using StackExchange.Redis;

namespace ReadingTracker.Api.Persistence;

public static class PersistenceExtensions
{
    public static IHostApplicationBuilder AddPersistence(this IHostApplicationBuilder builder)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        builder.Services.AddValidatedOptions<DatabaseOptions>(DatabaseOptions.Section);
        builder.Services.AddSingleton<DataDirectory>();
        builder.Services.AddSingleton<RoundTrips>();
        builder.Services.AddSingleton(sp => CreateMasters(
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<DataDirectory>(),
            sp.GetRequiredService<RoundTrips>()));
        builder.Services.AddSingleton<DatabaseMetrics>();
        builder.Services.AddSingleton<IdGenerator>();
        builder.Services.AddSingleton<Leases>();
        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddSingleton<PrimaryCircuit>();
        builder.Services.AddSingleton<ClusterRetry>();
        builder.Services.AddSingleton<SettledOutbox>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SettledOutbox>());
        builder.Services.AddSingleton<DualWriter>();
        builder.Services.AddSingleton<FailoverReader>();
        builder.Services.AddHostedService<MigrationStartup>();
        // After the migrations (the leases table), before the server listens.
        builder.Services.AddSingleton<IdWorkerSlot>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IdWorkerSlot>());
        if (RedisConnectionString(builder.Configuration) is { } redis)
        {
            // One shared multiplexer (idempotency keys, recovery journal). Never hang a request on a
            // dead Redis: fail fast and let the caller's policy decide.
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
            {
                var configuration = ConfigurationOptions.Parse(redis);
                configuration.AbortOnConnectFail = false;
                configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 2000);
                configuration.SyncTimeout = Math.Min(configuration.SyncTimeout, 1000);
                configuration.AsyncTimeout = Math.Min(configuration.AsyncTimeout, 1000);
                return ConnectionMultiplexer.Connect(configuration);
            });
        }

        return builder;
    }

    /// <summary>
    /// "ConnectionStrings:Redis", or null when it is absent or blank. The one place that decides whether Redis is
    /// configured: with it, idempotency keys and the recovery journal live in Redis (one shared multiplexer);
    /// without it, the keys live in the masters and the journal in a file in the data folder.
    /// </summary>
    public static string? RedisConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Redis") is { } redis && !string.IsNullOrWhiteSpace(redis) ? redis : null;

    private static Masters CreateMasters(DatabaseOptions options, IConfiguration configuration, DataDirectory data, RoundTrips roundTrips)
    {
        var provider = options.Provider;
        var primary = configuration.GetConnectionString("Primary");
        var secondary = configuration.GetConnectionString("Secondary");
        if (provider == DatabaseProvider.Sqlite)
        {
            // The embedded default needs no settings file: an absent key means the two files in the data
            // folder; an explicitly empty Secondary still means single-master mode.
            primary ??= "Data Source=primary.db";
            secondary ??= "Data Source=secondary.db";
        }

        if (string.IsNullOrWhiteSpace(primary))
        {
            throw new InvalidOperationException("ConnectionStrings:Primary is required.");
        }

        if (options.Topology == DatabaseTopology.Cluster)
        {
            // The cluster replicates: one string that lists its nodes, no Secondary, no dual write.
            var nodes = new MySqlConnectionStringBuilder(primary).Server.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(host => new ClusterNode(host, new MySqlConnectionStringBuilder(primary) { Server = host, ConnectionTimeout = 2 }.ConnectionString))
                .ToList();
            return new Masters(MySql(MasterRole.Primary, primary, roundTrips), null, nodes);
        }

        return provider switch
        {
            DatabaseProvider.Sqlite => new Masters(
                Sqlite(MasterRole.Primary, primary, data, roundTrips),
                string.IsNullOrWhiteSpace(secondary) ? null : Sqlite(MasterRole.Secondary, secondary, data, roundTrips)),
            DatabaseProvider.MySql => new Masters(
                MySql(MasterRole.Primary, primary, roundTrips),
                string.IsNullOrWhiteSpace(secondary) ? null : MySql(MasterRole.Secondary, secondary, roundTrips)),
            _ => throw new InvalidOperationException($"Unknown Database:Provider {provider}."),
        };
    }

    private static MasterDatabase Sqlite(MasterRole role, string connectionString, DataDirectory data, RoundTrips roundTrips)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true, Pooling = true };
        if (!Path.IsPathRooted(builder.DataSource) && builder.DataSource != ":memory:")
        {
            // Relative SQLite files live in the data directory, wherever the server was started from.
            builder.DataSource = data.File(builder.DataSource);
        }

        var resolved = builder.ToString();
        return new MasterDatabase(role, new SqliteDialect(), () => SqliteFunctions.AddTo(new SqliteConnection(resolved)), roundTrips, openIsRoundTrip: false);
    }

    private static MasterDatabase MySql(MasterRole role, string connectionString, RoundTrips roundTrips)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Connection Timeout", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("ConnectionTimeout", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("Connect Timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.ConnectionTimeout = 3;
        }

        var dataSource = new MySqlDataSourceBuilder(builder.ConnectionString).Build();
        return new MasterDatabase(role, new MySqlDialect(), dataSource.CreateConnection, roundTrips, openIsRoundTrip: builder.ConnectionReset);
    }
}
