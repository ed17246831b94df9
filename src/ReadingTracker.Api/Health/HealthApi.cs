using Dapper;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Health;

public sealed record MasterHealth(string Name, string State, string? Error);

public sealed record HealthResponse(string Status, bool Live, bool Ready, string Mode, IReadOnlyList<MasterHealth> Masters);

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

    public static async Task<IResult> GetHealth(Masters masters, CancellationToken ct)
    {
        var checks = await Task.WhenAll(masters.All.Select(m => CheckAsync(m, ct)));
        var up = checks.Count(c => c.State == "UP");
        var status = up == checks.Length ? "UP" : up > 0 ? "DEGRADED" : "DOWN";
        var body = new HealthResponse(status, true, up > 0, masters.IsSingleMaster ? "single-master" : "dual-master", checks);
        return up > 0 ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
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
