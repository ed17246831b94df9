using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Memos;

namespace ReadingTracker.Api.IntegrationTests.Input;

/// <summary>The server of this class lists two admins in one comma-separated string, as one environment variable would.</summary>
public sealed class CommaAdminsAppFactory : AppFactory
{
    public const string Alice = "opsalice";
    public const string Bob = "opsbob";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Admin:LoginIds"] = $"{Alice}, {Bob}" };
}

/// <summary>
/// Enums bind from their names only, in query, route and body. A number once bound: "?from=5" ran the admin
/// repair from Secondary over Primary and deleted acknowledged memos, and "?category=1" listed Reading books.
/// </summary>
public sealed class EnumBindingTests(CommaAdminsAppFactory app) : IClassFixture<CommaAdminsAppFactory>
{
    private static void AssertRejected(ApiResult result, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
        Assert.Contains(field, result.ErrorFields);
    }

    private async Task<ApiClient> AdminAsync(string loginId)
    {
        var client = app.CreateApiClient();
        var signup = await client.PostAsync("/api/v1/auth/signup", new { loginId, email = $"{loginId}@example.com", name = "Ops", password = ApiClient.Password });
        Assert.True(signup.Ok || signup.ErrorCode is "DUPLICATE_LOGIN_ID", signup.ToString());
        Assert.True((await client.LoginAsync(loginId, ApiClient.Password)).Ok);
        return client;
    }

    [Theory]
    [InlineData("5")]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("Primary,Secondary")]
    [InlineData("primary")]
    public async Task Repair_FromNumber_Returns400(string from)
    {
        var admin = await AdminAsync(CommaAdminsAppFactory.Alice);
        var book = await admin.AddBookAsync();
        var memo = await admin.AddMemoAsync(book, "2026-11-02T10:00:00");
        // A memo only Primary holds: a repair from Secondary would delete it.
        await MasterSql.ExecuteAsync(app.Secondary, "DELETE FROM memo_tags WHERE memo_id = @memo", new { memo });
        await MasterSql.ExecuteAsync(app.Secondary, "DELETE FROM memo WHERE id = @memo", new { memo });

        var result = await admin.PostAsync($"/api/v1/admin/consistency/repair?from={Uri.EscapeDataString(from)}");

        AssertRejected(result, "from");
        Assert.Equal((1, 0), await OnMastersAsync(memo));
        Assert.True((await admin.PostAsync("/api/v1/admin/consistency/repair?from=Primary")).Ok);
        Assert.Equal((1, 1), await OnMastersAsync(memo));
    }

    private async Task<(long Primary, long Secondary)> OnMastersAsync(long memo) => (
        await MasterSql.CountAsync(app.Primary, "SELECT COUNT(*) FROM memo WHERE id = @memo", new { memo }),
        await MasterSql.CountAsync(app.Secondary, "SELECT COUNT(*) FROM memo WHERE id = @memo", new { memo }));

    [Fact]
    public async Task Repair_FromNumber_Anonymous_Returns401First()
    {
        var anonymous = app.CreateApiClient();

        var result = await anonymous.PostAsync("/api/v1/admin/consistency/repair?from=5");

        Assert.Equal(HttpStatusCode.Unauthorized, result.Status);
    }

    [Theory]
    [InlineData("/api/v1/user/books?category=1", "category")]
    [InlineData("/api/v1/user/books?category=Reading&category=ToRead", "category")]
    [InlineData("/api/v1/user/books?sortBy=0", "sortBy")]
    [InlineData("/api/v1/tags?category=0", "category")]
    [InlineData("/api/v1/today-flow?sortBy=1", "sortBy")]
    [InlineData("/api/v1/today-flow?tagCategory=TYPE,TOPIC", "tagCategory")]
    public async Task QueryEnum_Number_Returns400WithField(string url, string field)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        AssertRejected(await client.GetAsync(url), field);
    }

    [Fact]
    public async Task ChangeCategory_CategoryNumber_Returns400_AndTheEntryKeepsItsCategory()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();

        AssertRejected(await client.PutAsync($"/api/v1/user/books/{book}/category?category=3"), "category");
        Assert.Equal("Reading", (await client.GetAsync($"/api/v1/user/books/{book}")).Data.GetProperty("category").GetString());
    }

    [Theory]
    [InlineData("""{"title":"t","author":"a","category":1}""")]
    [InlineData("""{"title":"t","author":"a","category":"1"}""")]
    [InlineData("""{"title":"t","author":"a","category":"ToRead, Reading"}""")]
    [InlineData("""{"title":"t","author":"a","category":"ToRead","purchaseType":0}""")]
    public async Task BodyEnum_Number_Returns400(string json)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await client.SendRawAsync(HttpMethod.Post, "/api/v1/user/books", json);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
        Assert.Equal(0, (await client.GetAsync("/api/v1/user/books")).Data.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task AdminLoginIds_CommaSeparatedString_GrantsEachListedUser()
    {
        var alice = await AdminAsync(CommaAdminsAppFactory.Alice);
        var bob = await AdminAsync(CommaAdminsAppFactory.Bob);
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();

        Assert.True((await alice.GetAsync("/api/v1/admin/recovery")).Ok);
        Assert.True((await bob.GetAsync("/api/v1/admin/recovery")).Ok);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/v1/admin/recovery")).Status);
    }
}
