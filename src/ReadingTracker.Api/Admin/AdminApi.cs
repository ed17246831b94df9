using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Consistency;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.OpenApi;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Recovery;

namespace ReadingTracker.Api.Admin;

public sealed record RecoveryStatus(int Open, int Failed, IReadOnlyList<RecoveryEntry> Events);

public sealed record RepairResult(string From, int RepairedRows);

/// <summary>Operations endpoints for the ADMIN role: recovery backlog, consistency check and repair.</summary>
public static class AdminApi
{
    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConsistencyChecker>();
        builder.Services.AddValidatedOptions<AdminOptions>("Admin")
            .PostConfigure<IConfiguration>((o, config) => o.LoginIds = AdminOptions.WithCommaList(o.LoginIds, config["Admin:LoginIds"]));
        return builder;
    }

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(AdminAccess.Policy).WithErrorResponses();
        group.MapGet("/recovery", GetRecovery);
        group.MapPost("/recovery/run", RunRecovery);
        group.MapGet("/consistency", CheckConsistency);
        group.MapPost("/consistency/repair", Repair);
        return routes;
    }

    public static async Task<Ok<ApiResponse<RecoveryStatus>>> GetRecovery(IRecoveryJournal journal, CancellationToken ct)
    {
        var events = await journal.ListAsync(ct);
        return Envelope.Ok(new RecoveryStatus(events.Count(e => e.State == RecoveryState.Open), events.Count(e => e.State == RecoveryState.Failed), events));
    }

    public static async Task<Ok<ApiResponse<RecoveryPassResult>>> RunRecovery(RecoveryPass pass, CancellationToken ct) =>
        Envelope.Ok(await pass.RunOnceAsync(ct));

    public static async Task<Ok<ApiResponse<ConsistencyReport>>> CheckConsistency(ConsistencyChecker checker, CancellationToken ct) =>
        Envelope.Ok(await checker.CheckAsync(ct));

    public static async Task<Ok<ApiResponse<RepairResult>>> Repair(MasterRole from, ConsistencyChecker checker, CancellationToken ct) =>
        Envelope.Ok(new RepairResult(from.ToString(), await checker.RepairAsync(from, ct)));
}
