using Microsoft.AspNetCore.Http;
using ReadingTracker.Api.Idempotency;

namespace ReadingTracker.Api.Tests.Idempotency;

/// <summary>
/// The key store cannot be reached: "Idempotency:WhenStoreUnavailable" decides. A store that fails on demand stands
/// in for Redis or the masters going away, which the integration tier does for real.
/// </summary>
public sealed class WhenTheKeyStoreIsDown
{
    private const string Body = """{"content":"x"}""";

    [Fact]
    public async Task Proceed_RunsTheRequestUnprotected_AndLogsTheEvent()
    {
        await using var app = await IdempotencyHarness.StartAsync();
        var runs = 0;

        var answer = await app.SendAsync(IdempotencyHarness.Request(Body), context =>
        {
            runs++;
            context.Response.StatusCode = 201;
            return Task.CompletedTask;
        }, new UnreachableStore());

        Assert.Equal((201, 1), (answer.Status, runs));
        Assert.Equal("IdempotencyStoreUnavailable", app.Logger.LatestRecord.Id.Name);
    }

    [Fact]
    public async Task Reject_Answers503_AndRunsNothing()
    {
        await using var app = await IdempotencyHarness.StartAsync(new() { ["Idempotency:WhenStoreUnavailable"] = "Reject" });
        var runs = 0;

        var answer = await app.SendAsync(IdempotencyHarness.Request(Body), _ =>
        {
            runs++;
            return Task.CompletedTask;
        }, new UnreachableStore());

        Assert.Equal((503, "IDEMPOTENCY_STORE_UNAVAILABLE", 0), (answer.Status, answer.ErrorCode, runs));
    }

    private sealed class UnreachableStore : IIdempotencyStore
    {
        public Task<ClaimResult> TryClaimAsync(string keyHash, string fingerprint, CancellationToken ct) =>
            throw new IdempotencyStoreUnavailableException("unreachable", new TimeoutException());

        public Task CompleteAsync(string keyHash, string fingerprint, StoredResponse response, CancellationToken ct) =>
            throw new IdempotencyStoreUnavailableException("unreachable", new TimeoutException());

        public Task ReleaseAsync(string keyHash, CancellationToken ct) =>
            throw new IdempotencyStoreUnavailableException("unreachable", new TimeoutException());
    }
}
