using System.Data.Common;
using Microsoft.Extensions.Options;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Persistence;

/// <summary>
/// Every read goes through here (SPEC §4.4): Primary first; only a connection-level failure sends the
/// read to Secondary. Business outcomes are not exceptions of the database and never fail over.
/// </summary>
public sealed partial class FailoverReader(Masters masters, IOptions<DatabaseOptions> options, ILogger<FailoverReader> logger)
{
    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken ct)
    {
        try
        {
            await using var connection = await masters.Primary.OpenAsync(ct);
            return await read(connection);
        }
        catch (Exception ex) when (SqlDialect.IsConnectionFailure(ex))
        {
            if (masters.Secondary is not { } secondary)
            {
                LogReadFailed(logger, ex, masters.Primary.Name, ex.Message);
                throw new DatabaseUnavailableException(options.Value.RetryAfterSeconds);
            }

            LogReadFailover(logger, ex.Message);
            try
            {
                await using var connection = await secondary.OpenAsync(ct);
                return await read(connection);
            }
            catch (Exception secondaryEx) when (SqlDialect.IsConnectionFailure(secondaryEx))
            {
                LogReadFailed(logger, secondaryEx, secondary.Name, secondaryEx.Message);
                throw new DatabaseUnavailableException(options.Value.RetryAfterSeconds);
            }
        }
    }

    [LoggerMessage(EventId = 1101, EventName = "ReadFailover", Level = LogLevel.Warning,
        Message = "Primary unreachable for a read; reading from Secondary: {Error}")]
    private static partial void LogReadFailover(ILogger logger, string error);

    [LoggerMessage(EventId = 1102, EventName = "ReadFailed", Level = LogLevel.Error,
        Message = "Read failed on {Master}; no master left to try: {Error}")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string master, string error);
}
