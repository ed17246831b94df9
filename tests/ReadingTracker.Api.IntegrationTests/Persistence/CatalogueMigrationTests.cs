using System.Net;
using ReadingTracker.Api.IntegrationTests.Books;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Shelf;

namespace ReadingTracker.Api.IntegrationTests.Persistence;

/// <summary>
/// Migration 0010 on masters that hold rows written under the old rule, where the first adder of an ISBN
/// wrote the one shared row (here: typed by hand, 2 pages) and a later adder was pointed at it.
/// </summary>
public sealed class CatalogueMigrationTests
{
    private const string HumanActs = "9788936434120";

    [Fact]
    public async Task LegacySharedRows_StayReadableForEachUser_AndTheSharedOneIsRefreshedFromTheProvider()
    {
        await using var first = new AppFactory();
        await first.InitializeAsync();
        var typist = await first.CreateApiClient().SignUpAndLoginAsync();
        var sharer = await first.CreateApiClient().SignUpAndLoginAsync();
        var (primary, secondary) = (first.Primary, first.Secondary);
        await first.DisposeServerOnlyAsync();
        foreach (var master in new[] { primary, secondary })
        {
            await MasterSql.ExecuteAsync(master, UndoMigration);
            await MasterSql.ExecuteAsync(master, LegacyRows, new { typist = typist.UserId, sharer = sharer.UserId });
        }

        await using var second = new AladinAppFactory();
        await second.Fake.StartAsync();
        second.UseMasters(primary, secondary, first.DataDirectoryPath);
        var typistAfter = await LoginAsync(second, typist);
        var sharerAfter = await LoginAsync(second, sharer);

        // Each user first sees what they saw before; the first adder keeps it as their own book.
        var own = await typistAfter.GetEntryAsync(1001);
        Assert.Equal(("Poison", 2, HumanActs), (own.Text("title"), own.Number("totalPages"), own.Text("isbn")));
        Assert.Equal(1001, own.GetProperty("bookId").GetInt64());
        Assert.Equal("Mine", (await typistAfter.GetEntryAsync(1004)).Text("title"));
        Assert.Equal("Poison", (await sharerAfter.GetEntryAsync(1002)).Text("title"));

        // The next add of the ISBN refreshes the shared row from the provider, for everyone on it but the typist.
        var newcomer = await second.CreateApiClient().SignUpAndLoginAsync();
        var added = await newcomer.AddFromSearchAsync(HumanActs);
        Assert.Equal(1000, (await newcomer.GetEntryAsync(added)).GetProperty("bookId").GetInt64());
        var shared = await sharerAfter.GetEntryAsync(1002);
        Assert.Equal(("소년이 온다", 216), (shared.Text("title"), shared.Number("totalPages")));
        Assert.Equal("Poison", (await typistAfter.GetEntryAsync(1001)).Text("title"));

        var again = await typistAfter.PostAsync(ShelfTestData.Books, new { isbn = HumanActs, title = "Again", author = "A", category = "ToRead" });
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("DUPLICATE_BOOK", again.ErrorCode);
        await MasterSql.AssertMastersIdenticalAsync(second);
        await second.DisposeAsync();
        await first.DisposeAsync();
    }

    private static async Task<ApiClient> LoginAsync(AppFactory app, ApiClient user)
    {
        var client = app.CreateApiClient();
        Assert.True((await client.LoginAsync(user.LoginId, ApiClient.Password)).Ok);
        return client;
    }

    // The schema as it was before 0010, so the migration runs again on the next start.
    private static string UndoMigration => TestDatabases.IsMySql
        ? "ALTER TABLE user_books DROP INDEX uk_user_books_isbn, DROP COLUMN isbn; ALTER TABLE books DROP COLUMN owner_user_id; " +
          "DELETE FROM schema_migrations WHERE version = 10;"
        : "DROP INDEX uk_user_books_isbn; ALTER TABLE user_books DROP COLUMN isbn; ALTER TABLE books DROP COLUMN owner_user_id; " +
          "DELETE FROM schema_migrations WHERE version = 10;";

    private const string LegacyRows =
        "INSERT INTO books (id, isbn, title, author, total_pages, cover_url, created_at, updated_at) VALUES " +
        "(1000, '9788936434120', 'Poison', 'Nobody', 2, 'https://image.aladin.co.kr/poison.jpg', 1, 1), (1003, NULL, 'Mine', 'Me', 100, NULL, 3, 3); " +
        "INSERT INTO user_books (id, user_id, book_id, category, created_at, updated_at) VALUES " +
        "(1001, @typist, 1000, 'ToRead', 1, 1), (1002, @sharer, 1000, 'ToRead', 2, 2), (1004, @typist, 1003, 'ToRead', 3, 3);";
}
