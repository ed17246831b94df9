using Dapper;
using Microsoft.Extensions.Options;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Recovery;

namespace ReadingTracker.Api.Health;

public sealed record MasterHealth(string Name, string State, string? Error);

/// <summary>Open and failed recovery events; OutboxWaiting: writes of a dead server past their grace, not yet on Secondary (null when Primary is down).</summary>
public sealed record RecoveryBacklog(int Open, int Failed, long? OutboxWaiting);

public sealed record HealthResponse(string Status, bool Live, bool Ready, string Mode, string PrimaryCircuit, IReadOnlyList<MasterHealth> Masters, RecoveryBacklog? Recovery);

/// <summary>
/// Public liveness and readiness: "UP" when every master answers, "DEGRADED" when only Primary or only
/// Secondary does (still serving) or Secondary lacks writes a dead server left in the outbox, "DOWN" when none does. Liveness is the process answering at all.
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

    public static async Task<IResult> GetHealth(
        Masters masters, PrimaryCircuit circuit, IRecoveryJournal journal, IOptions<RecoveryOptions> recovery, TimeProvider time, CancellationToken ct)
    {
        var checks = await Task.WhenAll(masters.All.Select(m => CheckAsync(m, ct)));
        var outbox = checks[0].State == "UP" && !masters.IsSingleMaster
            ? await OutboxWaitingAsync(masters.Primary, (time.GetUtcNow() - TimeSpan.FromSeconds(recovery.Value.OutboxGraceSeconds)).ToUnixTimeMilliseconds(), ct)
            : null;
        var up = checks.Count(c => c.State == "UP");
        // Writes a dead server left on Primary alone, past their grace: Secondary is behind until they are replayed.
        var status = up == checks.Length && outbox is not > 0 ? "UP" : up > 0 ? "DEGRADED" : "DOWN";
        var body = new HealthResponse(status, true, up > 0, masters.IsSingleMaster ? "single-master" : "dual-master", circuit.State, checks, await BacklogAsync(journal, outbox, ct));
        return up > 0 ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<RecoveryBacklog?> BacklogAsync(IRecoveryJournal journal, long? outbox, CancellationToken ct)
    {
        try
        {
            var events = await journal.ListAsync(ct);
            return new RecoveryBacklog(events.Count(e => e.State == RecoveryState.Open), events.Count(e => e.State == RecoveryState.Failed), outbox);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The journal's store (Redis) is down: health still answers, without the backlog.
            return null;
        }
    }

    private static async Task<long?> OutboxWaitingAsync(MasterDatabase primary, long cutoff, CancellationToken ct)
    {
        try
        {
            await using var connection = await primary.OpenAsync(ct);
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM write_outbox WHERE created_at <= @cutoff", new { cutoff }, cancellationToken: ct));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Primary went away between the two checks, or is not migrated yet: health still answers.
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
