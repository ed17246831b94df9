using Dapper;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Recovery;

namespace ReadingTracker.Api.Health;

public sealed record MasterHealth(string Name, string State, string? Error);

public sealed record RecoveryBacklog(int Open, int Failed);

public sealed record HealthResponse(string Status, bool Live, bool Ready, string Mode, string PrimaryCircuit, IReadOnlyList<MasterHealth> Masters, RecoveryBacklog? Recovery);

/// <summary>
/// Public liveness and readiness: "UP" when every master answers, "DEGRADED" when only Primary or only
/// Secondary does (still serving), "DOWN" when none does. Liveness is the process answering at all.
/// </summary>
public static class HealthApi
{
    public static RouteGroupBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/health").WithTags("Health").AllowAnonymous();
        group.MapMethods("/", ["GET", "HEAD"], GetHealth);
        group.MapGet("/live", () => TypedResults.Ok(new { status = "UP" }));
        return group;
    }

    public static async Task<IResult> GetHealth(Masters masters, PrimaryCircuit circuit, IRecoveryJournal journal, CancellationToken ct)
    {
        var checks = await Task.WhenAll(masters.All.Select(m => CheckAsync(m, ct)));
        var up = checks.Count(c => c.State == "UP");
        var status = up == checks.Length ? "UP" : up > 0 ? "DEGRADED" : "DOWN";
        var body = new HealthResponse(status, true, up > 0, masters.IsSingleMaster ? "single-master" : "dual-master", circuit.State, checks, await BacklogAsync(journal, ct));
        return up > 0 ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<RecoveryBacklog?> BacklogAsync(IRecoveryJournal journal, CancellationToken ct)
    {
        try
        {
            var events = await journal.ListAsync(ct);
            return new RecoveryBacklog(events.Count(e => e.State == RecoveryState.Open), events.Count(e => e.State == RecoveryState.Failed));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The journal's store (Redis) is down: health still answers, without the backlog.
            return null;
        }
    }

    private static async Task<MasterHealth> CheckAsync(MasterDatabase master, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await using var connection = await master.OpenAsync(timeout.Token);
            await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT 1", cancellationToken: timeout.Token));
            return new MasterHealth(master.Name, "UP", null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new MasterHealth(master.Name, "DOWN", ex.GetType().Name);
        }
    }
}
