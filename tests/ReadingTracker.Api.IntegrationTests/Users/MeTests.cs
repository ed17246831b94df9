using System.Net;
using ReadingTracker.Api.IntegrationTests.Auth;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Users;

public sealed class MeTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string UserRowSql = "SELECT * FROM users WHERE id = @id";

    [Fact]
    public async Task GetMe_ReturnsTheSignedInUser()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var me = await client.GetAsync("/api/v1/users/me");

        Assert.True(me.Ok, me.ToString());
        Assert.Equal(client.UserId, me.Data.GetProperty("id").GetInt64());
        Assert.Equal(client.LoginId, me.Text("loginId"));
        Assert.Equal($"{client.LoginId}@example.com", me.Text("email"));
        Assert.Equal("Reader", me.Text("name"));
        Assert.Equal("USER", me.Text("role"));
        Assert.Equal("ACTIVE", me.Text("status"));
        Assert.Equal("Asia/Seoul", me.Text("timeZone"));
    }

    [Fact]
    public async Task UpdateMe_ChangesNameEmailAndTimeZone_OnBothMasters()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var email = $"new-{client.LoginId}@example.com";

        var updated = await client.PutAsync("/api/v1/users/me", new { name = "  New Name ", email = email.ToUpperInvariant(), timeZone = "Europe/Berlin" });

        Assert.True(updated.Ok, updated.ToString());
        Assert.Equal("New Name", updated.Text("name"));
        Assert.Equal(email, updated.Text("email"));
        Assert.Equal("Europe/Berlin", updated.Text("timeZone"));
        var me = await client.GetAsync("/api/v1/users/me");
        Assert.Equal(updated.Data.ToString(), me.Data.ToString());
        var (primary, secondary) = await app.RowsOnBothAsync("SELECT name, email, time_zone FROM users WHERE id = @id", new { id = client.UserId });
        Assert.Equal(primary, secondary);
        Assert.Contains(email, primary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateMe_WithOnlyTheName_KeepsTheOtherFields()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var updated = await client.PutAsync("/api/v1/users/me", new { name = "Only Name" });

        Assert.True(updated.Ok, updated.ToString());
        Assert.Equal("Only Name", updated.Text("name"));
        Assert.Equal($"{client.LoginId}@example.com", updated.Text("email"));
        Assert.Equal("Asia/Seoul", updated.Text("timeZone"));
    }

    [Fact]
    public async Task UpdateMe_WithAnotherUsersEmail_Returns409DuplicateEmail_AndLeavesTheRowIdenticalOnBothMasters()
    {
        var other = await app.CreateApiClient().SignUpAndLoginAsync();
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var before = await app.RowsOnBothAsync(UserRowSql, new { id = client.UserId });

        var result = await client.PutAsync("/api/v1/users/me", new { name = "Changed", email = $"{other.LoginId}@example.com" });

        Assert.Equal(HttpStatusCode.Conflict, result.Status);
        Assert.Equal("DUPLICATE_EMAIL", result.ErrorCode);
        Assert.Equal(before, await app.RowsOnBothAsync(UserRowSql, new { id = client.UserId }));
        Assert.Equal(before.Primary, before.Secondary);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons", null, null, "timeZone")]
    [InlineData(null, "not-an-email", null, "email")]
    [InlineData(null, null, "   ", "name")]
    public async Task UpdateMe_WithBadField_Returns400NamingIt_AndChangesNothing(string? timeZone, string? email, string? name, string field)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var before = await app.RowsOnBothAsync(UserRowSql, new { id = client.UserId });

        var result = await client.PutAsync("/api/v1/users/me", new { timeZone, email, name });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
        Assert.Equal([field], result.ErrorFields);
        Assert.Equal(before, await app.RowsOnBothAsync(UserRowSql, new { id = client.UserId }));
    }

    [Fact]
    public async Task UpdateMe_WithMalformedJson_Returns400()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await client.SendRawAsync(HttpMethod.Put, "/api/v1/users/me", "{\"name\": 5");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
    }

    [Fact]
    public async Task UpdateMe_WithoutToken_Returns401()
    {
        var result = await app.CreateApiClient().PutAsync("/api/v1/users/me", new { name = "X" });

        Assert.Equal(HttpStatusCode.Unauthorized, result.Status);
    }
}
