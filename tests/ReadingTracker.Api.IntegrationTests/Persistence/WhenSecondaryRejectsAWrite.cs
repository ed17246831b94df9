using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Persistence;

/// <summary>
/// The write path's compensation, on real databases: Secondary refuses the write (its table is gone),
/// so the Primary change must be undone from its before-image and the client told to retry (503).
/// Guards the earlier system's defects: 500 for a Secondary failure, and before-images captured after
/// the change (so the "undo" rewrote the new values).
/// </summary>
public sealed class WhenSecondaryRejectsAWrite(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AddToShelf_Returns503WithRetryAfter_AndLeavesNoRowOnPrimary()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        await BreakSecondaryTableAsync("user_books");
        try
        {
            var before = await MasterSql.CountAsync(app.Primary, "SELECT COUNT(*) FROM user_books");
            var result = await client.PostAsync("/api/v1/user/books", new { title = "Lost?", author = "A", category = "ToRead" });

            Assert.Equal(HttpStatusCode.ServiceUnavailable, result.Status);
            Assert.Equal("DATABASE_TEMPORARY_UNAVAILABLE", result.ErrorCode);
            Assert.True(result.Response.Headers.RetryAfter is not null, "Retry-After header expected");
            Assert.Equal(before, await MasterSql.CountAsync(app.Primary, "SELECT COUNT(*) FROM user_books"));
            Assert.Equal(0, await MasterSql.CountAsync(app.Primary, "SELECT COUNT(*) FROM books WHERE title = 'Lost?'"));
        }
        finally
        {
            await RepairSecondaryTableAsync("user_books");
        }

        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    [Fact]
    public async Task FailedLogin_RestoresTheUsersRowFromItsBeforeImage()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var snapshot = await MasterSql.SnapshotAsync(app.Primary);
        await BreakSecondaryTableAsync("users");
        try
        {
            // A wrong password updates failed_login_count: an update whose undo must put the old values back.
            var result = await client.PostAsync("/api/v1/auth/login", new { loginId = client.LoginId, password = "wrong!pass" });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, result.Status);
        }
        finally
        {
            await RepairSecondaryTableAsync("users");
        }

        Assert.Equal(snapshot, await MasterSql.SnapshotAsync(app.Primary));
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    private Task BreakSecondaryTableAsync(string table) =>
        MasterSql.ExecuteAsync(app.Secondary, $"ALTER TABLE {table} RENAME TO {table}_away");

    private Task RepairSecondaryTableAsync(string table) =>
        MasterSql.ExecuteAsync(app.Secondary, $"ALTER TABLE {table}_away RENAME TO {table}");
}
