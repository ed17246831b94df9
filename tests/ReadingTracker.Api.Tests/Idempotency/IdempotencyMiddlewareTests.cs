using System.Text;
using Microsoft.AspNetCore.Http;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Idempotency;

namespace ReadingTracker.Api.Tests.Idempotency;

/// <summary>
/// Idempotency-Key end to end through the middleware and the real database key store, on a fake clock: what is
/// stored and replayed, what frees a key, and how long a key and a claim live.
/// </summary>
public sealed class IdempotencyMiddlewareTests : IAsyncLifetime
{
    private const string Body = """{"content":"first"}""";

    private IdempotencyHarness _app = null!;
    private int _runs;

    public async Task InitializeAsync() => _app = await IdempotencyHarness.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TheSameRequestAgain_ReplaysTheStoredAnswer_WithoutRunningTheHandler()
    {
        var first = await SendAsync(Body, Created);
        var second = await SendAsync(Body, Created);

        Assert.Equal(1, _runs);
        Assert.Equal((201, "application/json; charset=utf-8", """{"run":1,"read":"{\"content\":\"first\"}"}"""), (first.Status, first.ContentType, first.Body));
        Assert.False(first.Replayed);
        Assert.Equal((first.Status, first.ContentType, first.Body), (second.Status, second.ContentType, second.Body));
        Assert.True(second.Replayed);
    }

    [Fact]
    public async Task TheSameKeyWithAnotherBody_Returns422KeyReused_AndRunsNothing()
    {
        await SendAsync(Body, Created);

        var reused = await SendAsync("""{"content":"second"}""", Created);

        Assert.Equal((422, "IDEMPOTENCY_KEY_REUSED"), (reused.Status, reused.ErrorCode));
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task TheSameKeyOnAnotherPath_Returns422KeyReused()
    {
        await SendAsync(Body, Created);

        var reused = await _app.SendAsync(IdempotencyHarness.Request(Body, path: "/api/v1/shelf"), Created);

        Assert.Equal((422, "IDEMPOTENCY_KEY_REUSED"), (reused.Status, reused.ErrorCode));
    }

    [Fact]
    public async Task WhileTheFirstRequestRuns_TheSameRequest_Returns409InUse_WithRetryAfter_AndAnotherBody422()
    {
        var release = new TaskCompletionSource();
        var running = SendAsync(Body, async context =>
        {
            await release.Task;
            await Created(context);
        });

        var again = await SendAsync(Body, Created);
        var other = await SendAsync("""{"content":"second"}""", Created);
        release.SetResult();
        var first = await running;
        var afterwards = await SendAsync(Body, Created);

        Assert.Equal((409, "IDEMPOTENCY_KEY_IN_USE", "1"), (again.Status, again.ErrorCode, again.Headers.RetryAfter.ToString()));
        Assert.Equal((422, "IDEMPOTENCY_KEY_REUSED"), (other.Status, other.ErrorCode));
        Assert.Equal(201, first.Status);
        Assert.True(afterwards.Replayed);
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task AClaimLeftByARequestThatDied_Answers409_UntilTheLeaseEnds_ThenTheRequestRunsOnce()
    {
        var (keyHash, fingerprint) = IdempotencyHarness.KeyOf("key-1", Body);
        Assert.Equal(ClaimState.Claimed, (await _app.Store.TryClaimAsync(keyHash, fingerprint, CancellationToken.None)).State);

        _app.Time.Advance(_app.Options.InFlightLease - TimeSpan.FromMilliseconds(1));
        var during = await SendAsync(Body, Created);
        _app.Time.Advance(TimeSpan.FromMilliseconds(1));
        var after = await SendAsync(Body, Created);
        var replay = await SendAsync(Body, Created);

        Assert.Equal(409, during.Status);
        Assert.Equal((201, false), (after.Status, after.Replayed));
        Assert.True(replay.Replayed);
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task TheKeyLifetime_CountsFromTheFirstRequest_AfterItTheSameRequestRunsAgain()
    {
        await SendAsync(Body, Created);

        _app.Time.Advance(_app.Options.KeyLifetime - TimeSpan.FromMilliseconds(1));
        var stillKept = await SendAsync(Body, Created);
        _app.Time.Advance(TimeSpan.FromMilliseconds(1));
        var expired = await SendAsync(Body, Created);
        var anotherBodyNow = await SendAsync("""{"content":"second"}""", Created);

        Assert.True(stillKept.Replayed);
        Assert.Equal((201, false), (expired.Status, expired.Replayed));
        Assert.Contains("\"run\":2", expired.Body, StringComparison.Ordinal);
        Assert.Equal(422, anotherBodyNow.Status);
        Assert.Equal(2, _runs);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task AnAnswerAboutTimingOrAServerFault_IsNotStored_SoTheRetryRunsAgain(int status)
    {
        var failed = await SendAsync(Body, context => Answer(context, status));
        var retry = await SendAsync(Body, Created);

        Assert.Equal(status, failed.Status);
        Assert.Equal((201, false), (retry.Status, retry.Replayed));
        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task AServerErrorThrownByTheHandler_FreesTheKey_SoTheRetryRunsAgain()
    {
        var failed = await SendAsync(Body, _ =>
        {
            _runs++;
            throw new ApiException(503, "DATABASE_UNAVAILABLE", new Text("잠시 후", "Retry shortly"));
        });
        var retry = await SendAsync(Body, Created);

        Assert.Equal((503, "DATABASE_UNAVAILABLE"), (failed.Status, failed.ErrorCode));
        Assert.Equal((201, false), (retry.Status, retry.Replayed));
    }

    [Fact]
    public async Task AClientErrorThrownByTheHandler_IsStoredAsTheEnvelope_AndReplayed()
    {
        RequestDelegate notFound = _ =>
        {
            _runs++;
            throw new ApiException(404, "BOOK_NOT_FOUND", new Text("없음", "No such book"));
        };

        var first = await SendAsync(Body, notFound);
        var second = await SendAsync(Body, notFound);

        Assert.Equal((404, "BOOK_NOT_FOUND", false), (first.Status, first.ErrorCode, first.Replayed));
        Assert.Equal((404, first.Body, true), (second.Status, second.Body, second.Replayed));
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task KeysAreScopedPerUser_TheSameKeyFromAnotherUser_RunsOnItsOwn()
    {
        await SendAsync(Body, Created);

        var other = await _app.SendAsync(IdempotencyHarness.Request(Body, user: "8"), Created);

        Assert.Equal((201, false), (other.Status, other.Replayed));
        Assert.Equal(2, _runs);
    }

    [Theory]
    [InlineData("GET", IdempotencyHarness.Path, "key-1")]
    [InlineData("POST", IdempotencyHarness.Path, null)]
    [InlineData("POST", "/metrics", "key-1")]
    public async Task ReadsRequestsWithoutAKeyAndPathsOutsideTheApi_PassThrough_AndNothingIsStored(string method, string path, string? key)
    {
        await _app.SendAsync(IdempotencyHarness.Request(Body, key, method: method, path: path), Created);
        var again = await _app.SendAsync(IdempotencyHarness.Request(Body, key, method: method, path: path), Created);

        Assert.False(again.Replayed);
        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task AnEndpointOutsideIdempotency_IgnoresTheKey()
    {
        HttpContext Login()
        {
            var context = IdempotencyHarness.Request(Body);
            context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(OutsideIdempotency.Instance), "login"));
            return context;
        }

        await _app.SendAsync(Login(), Created);
        var again = await _app.SendAsync(Login(), Created);

        Assert.False(again.Replayed);
        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task AMalformedKey_Returns400_AndRunsNothing()
    {
        var answer = await _app.SendAsync(IdempotencyHarness.Request(Body, key: new string('k', 256)), Created);

        Assert.Equal((400, "INVALID_IDEMPOTENCY_KEY"), (answer.Status, answer.ErrorCode));
        Assert.Equal(0, _runs);
    }

    private Task<IdempotencyHarness.Answer> SendAsync(string body, RequestDelegate handler) =>
        _app.SendAsync(IdempotencyHarness.Request(body), handler);

    /// <summary>The handler: counts its runs and answers 201 with the body it read (the same bytes the key was fingerprinted on).</summary>
    private async Task Created(HttpContext context)
    {
        var read = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync();
        _runs++;
        context.Response.StatusCode = 201;
        await context.Response.WriteAsJsonAsync(new { run = _runs, read });
    }

    private async Task Answer(HttpContext context, int status)
    {
        _runs++;
        context.Response.StatusCode = status;
        await context.Response.WriteAsync("{}");
    }
}
