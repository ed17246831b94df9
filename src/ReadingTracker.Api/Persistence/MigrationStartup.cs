namespace ReadingTracker.Api.Persistence;

/// <summary>Migrates both masters when the server starts; a master that is down is migrated later, before its first write.</summary>
public sealed partial class MigrationStartup(Masters masters, SchemaMigrator migrator, ILogger<MigrationStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var master in masters.All)
        {
            try
            {
                await migrator.EnsureMigratedAsync(master, cancellationToken);
            }
            catch (Exception ex) when (SqlDialect.IsConnectionFailure(ex))
            {
                LogMasterDownAtStartup(logger, ex, master.Name, ex.Message);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1202, EventName = "MasterDownAtStartup", Level = LogLevel.Warning,
        Message = "{Master} is unreachable at start-up; it will be migrated before its first write: {Error}")]
    private static partial void LogMasterDownAtStartup(ILogger logger, Exception exception, string master, string error);
}
