using System.Globalization;
using System.Text;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Transfer;

/// <summary>
/// Imports that run at once (issue 16): a book without an ISBN is the same book by its title and first author, and
/// two imports planning from the same shelf must not both add it. Each request plans from what it reads, so without a
/// unique key on that identity the second writes a second entry; with it (user_books.title_key, migration 0021) the
/// second meets the key, plans again and counts the book as already on the shelf. Both providers (RT_TEST_PROVIDER).
/// </summary>
public sealed class ConcurrentImportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const int Books = 30;

    private const int AtOnce = 4;

    [Fact]
    public async Task TheSameFileImportedFourTimesAtOnce_LeavesOneEntryPerBook()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        // No private notes: an imported memo's clientId is derived from its book, so a batch with memos meets the memo's
        // unique key on its own; books alone had nothing to meet.
        var file = Goodreads(Enumerable.Range(0, Books).Select(i => (Title: $"제목 없는 책 {i}", Author: $"저자 {i}", Note: "")));

        var results = await Task.WhenAll(Enumerable.Range(0, AtOnce).Select(_ => client.ImportAsync(file)));

        Assert.All(results, r => Assert.True(r.Ok, r.ToString()));
        // Every book was added by exactly one of the requests; the others found it on the shelf.
        Assert.Equal(Books, results.Sum(r => r.Data.GetProperty("imported").GetInt32()));
        Assert.Equal(Books * (AtOnce - 1), results.Sum(r => r.Data.GetProperty("alreadyOnShelf").GetInt32()));
        var shelf = await TransferTestData.ShelfAsync(app.Primary, client.UserId);
        Assert.Equal(Books, shelf.Count);
        Assert.Equal(Books, shelf.Distinct(StringComparer.Ordinal).Count());
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    [Fact]
    public async Task TheSameFileWithNotesImportedTwiceAtOnce_AddsEachNoteOnce()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var file = Goodreads(Enumerable.Range(0, Books).Select(i => (Title: $"메모 있는 책 {i}", Author: $"저자 {i}", Note: i % 2 == 0 ? $"메모 {i}" : "")));

        var results = await Task.WhenAll(client.ImportAsync(file), client.ImportAsync(file));

        Assert.All(results, r => Assert.True(r.Ok, r.ToString()));
        Assert.Equal(Books, (await TransferTestData.ShelfAsync(app.Primary, client.UserId)).Count);
        Assert.Equal(Books / 2, (await TransferTestData.MemosAsync(app.Primary, client.UserId)).Count);
        Assert.Equal(Books / 2, results.Sum(r => r.Data.GetProperty("memosImported").GetInt32()));
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    [Fact]
    public async Task TwoFilesSharingAnIsbnLessBook_ImportedAtOnce_LeaveOneEntryOfIt()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        // The same books spelled differently (case, spacing, punctuation, a second author): the same book by identity.
        var first = Goodreads(Enumerable.Range(0, Books).Select(i => (Title: $"Shared Book {i}", Author: $"Kim {i}", Note: "")));
        var second = Goodreads(Enumerable.Range(0, Books).Select(i => (Title: $"shared  book: {i}", Author: $"KIM {i}, Someone Else", Note: ""))
            .Append(("Only In The Second", "Lee", "")));

        var results = await Task.WhenAll(client.ImportAsync(first), client.ImportAsync(second), client.ImportAsync(first), client.ImportAsync(second));

        Assert.All(results, r => Assert.True(r.Ok, r.ToString()));
        var titles = await MasterSql.CountAsync(app.Primary,
            "SELECT COUNT(*) FROM user_books WHERE user_id = @userId AND deleted_at IS NULL", new { userId = client.UserId });
        Assert.Equal(Books + 1, titles);
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    [Fact]
    public async Task AnImportedIsbnLessBookRemovedFromTheShelf_ComesBackOnTheNextImport_AsTheSameEntry()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var file = Goodreads([("돌아오는 책", "한 작가", "")]);
        Assert.True((await client.ImportAsync(file)).Ok);
        var entry = await MasterSql.ScalarAsync<long>(app.Primary, "SELECT id FROM user_books WHERE user_id = @userId", new { userId = client.UserId });
        Assert.True((await client.DeleteAsync($"/api/v1/user/books/{entry}")).Ok);

        var again = await client.ImportAsync(file);

        Assert.True(again.Ok, again.ToString());
        Assert.Equal(1, again.Data.GetProperty("imported").GetInt32());
        Assert.Equal(0, again.Data.GetProperty("failed").GetInt32());
        Assert.Equal([entry], await LiveEntriesAsync(client.UserId));
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    [Fact]
    public async Task ABookAddedByHand_WithoutAnIsbn_IsStillFoundByTitleAndAuthor_AndTwoAddedByHandStayAllowed()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        foreach (var _ in new[] { 1, 2 })
        {
            Assert.True((await client.PostAsync("/api/v1/user/books", new { title = "손으로 쓴 책", author = "작가", category = "ToRead" })).Ok);
        }

        var result = await client.ImportAsync(Goodreads([("손으로 쓴 책", "작가", "")]));

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(0, result.Data.GetProperty("imported").GetInt32());
        Assert.Equal(1, result.Data.GetProperty("alreadyOnShelf").GetInt32());
        Assert.Equal(2, (await LiveEntriesAsync(client.UserId)).Count);
    }

    private async Task<List<long>> LiveEntriesAsync(long userId)
    {
        await using var connection = MasterSql.Open(app.Primary);
        return [.. await Dapper.SqlMapper.QueryAsync<long>(connection, "SELECT id FROM user_books WHERE user_id = @userId AND deleted_at IS NULL", new { userId })];
    }

    /// <summary>A Goodreads library export of to-read books without an ISBN (Goodreads writes <c>=""</c>), a private note each where given.</summary>
    private static byte[] Goodreads(IEnumerable<(string Title, string Author, string Note)> books)
    {
        var csv = new StringBuilder("Book Id,Title,Author,ISBN,ISBN13,My Rating,Number of Pages,Date Read,Date Added,Exclusive Shelf,My Review,Private Notes\r\n");
        var id = 1;
        foreach (var (title, author, note) in books)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{id++},\"{title}\",\"{author}\",\"=\"\"\"\"\",\"=\"\"\"\"\",0,200,,2024/01/02,to-read,,\"{note}\"\r\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
