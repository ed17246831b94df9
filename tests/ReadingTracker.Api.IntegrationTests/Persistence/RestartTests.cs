using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Persistence;

/// <summary>Data written before a restart is there after it: a second server process on the same masters and data folder.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task UserAndShelf_SurviveAServerRestart()
    {
        await using var first = new AppFactory();
        await first.InitializeAsync();
        var client = await first.CreateApiClient().SignUpAndLoginAsync();
        Assert.True((await client.PostAsync("/api/v1/user/books", new { title = "Kept", author = "A", category = "ToRead" })).Ok);
        var (primary, secondary) = (first.Primary, first.Secondary);
        await first.DisposeServerOnlyAsync();

        await using var second = new AppFactory();
        second.UseMasters(primary, secondary, first.DataDirectoryPath);
        var again = second.CreateApiClient();
        var login = await again.LoginAsync(client.LoginId, ApiClient.Password);
        Assert.True(login.Ok, login.ToString());
        Assert.Equal(1, await MasterSql.CountAsync(primary, "SELECT COUNT(*) FROM user_books ub JOIN books b ON b.id = ub.book_id WHERE b.title = 'Kept'"));
        await second.DisposeAsync();
        await first.DisposeAsync();
    }
}
