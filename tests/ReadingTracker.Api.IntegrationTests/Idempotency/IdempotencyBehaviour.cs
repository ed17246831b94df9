using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Idempotency;

/// <summary>The Idempotency-Key contract (docs/contract.md §7.1), run against each key store.</summary>
public abstract class IdempotencyBehaviour(AppFactory app)
{
    protected AppFactory App { get; } = app;

    protected static HttpRequestMessage AddBook(string key, string title) =>
        new(HttpMethod.Post, "/api/v1/user/books")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { title, author = "A", category = "ToRead", isbn = NewIsbn() }),
            Headers = { { "Idempotency-Key", key } },
        };

    protected static HttpRequestMessage Copy(HttpRequestMessage request, string body) =>
        new(request.Method, request.RequestUri) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Headers = { { "Idempotency-Key", request.Headers.GetValues("Idempotency-Key") } } };

    protected static string NewIsbn() => "979" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999);

    protected async Task<long> ShelfCountAsync(ApiClient client) =>
        await MasterSql.CountAsync(App.Primary, "SELECT COUNT(*) FROM user_books WHERE user_id = @id", new { id = client.UserId });

    [Fact]
    public async Task Replay_ReturnsTheStoredResponse_AndWritesOnce()
    {
        var client = await App.CreateApiClient().SignUpAndLoginAsync();
        var first = AddBook(Guid.NewGuid().ToString(), "Once");
        var body = await first.Content!.ReadAsStringAsync();
        var a = await client.SendAsync(first);
        var b = await client.SendAsync(Copy(first, body));

        Assert.True(a.Ok, a.ToString());
        Assert.Equal(HttpStatusCode.OK, b.Status);
        Assert.Equal("true", b.Response.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(a.Data.GetProperty("userBookId").GetInt64(), b.Data.GetProperty("userBookId").GetInt64());
        Assert.Equal(1, await ShelfCountAsync(client));
        await MasterSql.AssertMastersIdenticalAsync(App);
    }

    [Fact]
    public async Task SameKey_DifferentBody_Returns422_AndWritesNothingMore()
    {
        var client = await App.CreateApiClient().SignUpAndLoginAsync();
        var first = AddBook("key-" + Guid.NewGuid(), "First");
        Assert.True((await client.SendAsync(first)).Ok);
        var other = await client.SendAsync(AddBook(first.Headers.GetValues("Idempotency-Key").Single(), "Second"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.Status);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", other.ErrorCode);
        Assert.Equal(1, await ShelfCountAsync(client));
    }

    [Fact]
    public async Task ParallelRequestsWithOneKey_ExecuteExactlyOnce()
    {
        var client = await App.CreateApiClient().SignUpAndLoginAsync();
        var template = AddBook("parallel-" + Guid.NewGuid(), "Parallel");
        var body = await template.Content!.ReadAsStringAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.SendAsync(Copy(template, body))));

        Assert.All(results, r => Assert.True(r.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, r.ToString()));
        Assert.All(results.Where(r => r.Status == HttpStatusCode.Conflict), r => Assert.Equal("IDEMPOTENCY_KEY_IN_USE", r.ErrorCode));
        Assert.Single(results, r => r.Status == HttpStatusCode.OK && !r.Response.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await ShelfCountAsync(client));
    }

    [Fact]
    public async Task FirstAttemptEndingIn5xx_ReleasesTheKey_SoTheRetrySucceeds()
    {
        var client = await App.CreateApiClient().SignUpAndLoginAsync();
        var request = AddBook("retry-" + Guid.NewGuid(), "Retried");
        var body = await request.Content!.ReadAsStringAsync();
        await MasterSql.ExecuteAsync(App.Secondary, "ALTER TABLE user_books RENAME TO user_books_away");
        ApiResult failed;
        try
        {
            failed = await client.SendAsync(request);
        }
        finally
        {
            await MasterSql.ExecuteAsync(App.Secondary, "ALTER TABLE user_books_away RENAME TO user_books");
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.Status);
        var retry = await client.SendAsync(Copy(request, body));
        Assert.True(retry.Ok, retry.ToString());
        Assert.False(retry.Response.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await ShelfCountAsync(client));
        await MasterSql.AssertMastersIdenticalAsync(App);
    }

    [Fact]
    public async Task ClientErrors_AreStoredAndReplayedToo()
    {
        var client = await App.CreateApiClient().SignUpAndLoginAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/user/books")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { title = "", author = "A", category = "ToRead" }),
            Headers = { { "Idempotency-Key", "\"quoted-" + Guid.NewGuid() + "\"" } },
        };
        var body = await request.Content.ReadAsStringAsync();
        var first = await client.SendAsync(request);
        var again = await client.SendAsync(Copy(request, body));

        Assert.Equal(HttpStatusCode.BadRequest, first.Status);
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal("true", again.Response.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task EmptyQuotedKey_Returns400()
    {
        var client = await App.CreateApiClient().SignUpAndLoginAsync();
        var result = await client.SendAsync(AddBook("\"\"", "Empty"));
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("INVALID_IDEMPOTENCY_KEY", result.ErrorCode);
        Assert.Equal(0, await ShelfCountAsync(client));
    }

    [Fact]
    public async Task KeyOver255Characters_Returns400_AndWritesNothing()
    {
        var client = await App.CreateApiClient().SignUpAndLoginAsync();
        var result = await client.SendAsync(AddBook(new string('k', 256), "Long"));
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("INVALID_IDEMPOTENCY_KEY", result.ErrorCode);
        Assert.Equal(0, await ShelfCountAsync(client));
    }

    [Fact]
    public async Task SameKeyFromTwoUsers_AreTwoKeys()
    {
        var alice = await App.CreateApiClient().SignUpAndLoginAsync();
        var bob = await App.CreateApiClient().SignUpAndLoginAsync();
        var key = "shared-" + Guid.NewGuid();
        var a = await alice.SendAsync(AddBook(key, "Mine"));
        var b = await bob.SendAsync(AddBook(key, "Mine"));
        Assert.True(a.Ok && b.Ok, $"{a} / {b}");
        Assert.False(b.Response.Headers.Contains("Idempotent-Replayed"));
    }
}

public sealed class WithKeysInTheMasters(DatabaseKeysFactory app) : IdempotencyBehaviour(app), IClassFixture<DatabaseKeysFactory>
{
    [Fact]
    public async Task ExpiredKey_RunsTheRequestAgain()
    {
        var client = await App.CreateApiClient().SignUpAndLoginAsync();
        var request = AddBook("expiring-" + Guid.NewGuid(), "Expiring");
        var body = await request.Content!.ReadAsStringAsync();
        Assert.True((await client.SendAsync(request)).Ok);

        app.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await client.LoginAsync(client.LoginId, ApiClient.Password);
        var later = await client.SendAsync(Copy(request, body));

        // Executed again, not replayed: the same book is already on the shelf.
        Assert.Equal("DUPLICATE_BOOK", later.ErrorCode);
        Assert.False(later.Response.Headers.Contains("Idempotent-Replayed"));
    }
}

public sealed class WithKeysInRedis(RedisKeysFactory app) : IdempotencyBehaviour(app), IClassFixture<RedisKeysFactory>
{
    [Fact]
    public async Task ExpiredKey_RunsTheRequestAgain()
    {
        var client = await App.CreateApiClient().SignUpAndLoginAsync();
        var request = AddBook("expiring-" + Guid.NewGuid(), "Expiring");
        var body = await request.Content!.ReadAsStringAsync();
        Assert.True((await client.SendAsync(request)).Ok);

        // The factory sets a 2 s key lifetime; Redis expires the key by itself.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var later = await client.SendAsync(Copy(request, body));

        Assert.Equal("DUPLICATE_BOOK", later.ErrorCode);
        Assert.False(later.Response.Headers.Contains("Idempotent-Replayed"));
    }
}
