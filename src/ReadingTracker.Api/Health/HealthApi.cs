using Dapper;
using Microsoft.Extensions.Options;
using MySqlConnector;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Recovery;

namespace ReadingTracker.Api.Health;

public sealed record MasterHealth(string Name, string State, string? Error);

/// <summary>Open and failed recovery events; OutboxWaiting: writes of a dead server past their grace, not yet on Secondary (null when Primary is down).</summary>
public sealed record RecoveryBacklog(int Open, int Failed, long? OutboxWaiting);

/// <summary>One node of a cluster as it sees itself: Galera's wsrep_local_state_comment ("Synced", "Donor/Desynced", …) and cluster size, or DOWN.</summary>
public sealed record NodeHealth(string Host, string State, int? ClusterSize, string? Error);

/// <summary>Nodes: in the Cluster topology, each node listed in the connection string; null otherwise.</summary>
public sealed record HealthResponse(
    string Status, bool Live, bool Ready, string Mode, string PrimaryCircuit, IReadOnlyList<MasterHealth> Masters, RecoveryBacklog? Recovery,
    IReadOnlyList<NodeHealth>? Nodes = null);

/// <summary>
/// Public liveness and readiness: "UP" when every master answers, "DEGRADED" when only Primary or only
/// Secondary does (still serving) or Secondary lacks writes a dead server left in the outbox, "DOWN" when none does. Liveness is the process answering at all.
/// In the Cluster topology the one "master" is the cluster (reached through whichever node answers) and each node is
/// asked for its own state: "DEGRADED" while any node is down or not Synced.
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
        if (masters.IsCluster)
        {
            var nodes = await Task.WhenAll(masters.ClusterNodes.Select(n => CheckNodeAsync(n, ct)));
            var clusterUp = checks[0].State == "UP";
            var clusterStatus = !clusterUp ? "DOWN" : nodes.All(n => n.State is "Synced" or "UP") ? "UP" : "DEGRADED";
            var clusterBody = new HealthResponse(clusterStatus, true, clusterUp, "cluster", circuit.State, checks, null, nodes);
            return clusterUp ? TypedResults.Ok(clusterBody) : TypedResults.Json(clusterBody, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

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

    private static async Task<NodeHealth> CheckNodeAsync(ClusterNode node, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await using var connection = new MySqlConnection(node.ConnectionString);
            await connection.OpenAsync(timeout.Token);
            var status = (await connection.QueryAsync<(string Name, string Value)>(new CommandDefinition(
                    "SHOW STATUS WHERE Variable_name IN ('wsrep_local_state_comment', 'wsrep_cluster_size')", cancellationToken: timeout.Token)))
                .ToDictionary(v => v.Name, v => v.Value, StringComparer.OrdinalIgnoreCase);
            // A cluster that is not Galera (Group Replication) has no wsrep status: the node answers, that is all we know.
            return new NodeHealth(node.Host, status.GetValueOrDefault("wsrep_local_state_comment") ?? "UP",
                int.TryParse(status.GetValueOrDefault("wsrep_cluster_size"), System.Globalization.CultureInfo.InvariantCulture, out var size) ? size : null, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new NodeHealth(node.Host, "DOWN", null, ex.GetType().Name);
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
