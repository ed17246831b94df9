using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Shelf;

/// <summary>
/// The writes of books: a row is inserted — shared (a provider's data, by ISBN, no owner) or a user's own typing
/// (an owner, no ISBN) — and later re-described from a provider's newer answer or the owner's new typing.
/// </summary>
public static class BooksTable
{
    public static readonly Table Table = new("books");

    private static readonly Column<string?> Isbn = Table.Column<string?>("isbn");
    private static readonly Column<string> Title = Table.Column<string>("title");
    private static readonly Column<string> Author = Table.Column<string>("author");
    private static readonly Column<string?> Publisher = Table.Column<string?>("publisher");
    private static readonly Column<string?> Description = Table.Column<string?>("description");
    private static readonly Column<string?> CoverUrl = Table.Column<string?>("cover_url");
    private static readonly Column<int?> TotalPages = Table.Column<int?>("total_pages");
    private static readonly Column<string?> MainGenre = Table.Column<string?>("main_genre");
    private static readonly Column<string?> PubDate = Table.Column<string?>("pub_date");
    private static readonly Column<long?> OwnerUserId = Table.Column<long?>("owner_user_id");
    private static readonly Column<long> CreatedAt = Table.Column<long>("created_at");
    private static readonly Column<long> UpdatedAt = Table.Column<long>("updated_at");

    public static RowWrite Insert(long id, BookDescription book, long? ownerUserId, string? isbn, long now) => Table.Insert(
    [
        Table.Id.Set(id), Isbn.Set(isbn), .. Describing(book), OwnerUserId.Set(ownerUserId), CreatedAt.Set(now), UpdatedAt.Set(now),
    ]);

    /// <summary>The row takes a new description: a provider's refreshed answer, or its owner's new typing.</summary>
    public static RowWrite Describe(long id, BookDescription book, long now) => Table.Update(id, [.. Describing(book), UpdatedAt.Set(now)]);

    private static ColumnValue[] Describing(BookDescription book) =>
    [
        Title.Set(book.Title), Author.Set(book.Author), Publisher.Set(book.Publisher), Description.Set(book.Description),
        CoverUrl.Set(book.CoverUrl), TotalPages.Set(book.TotalPages), MainGenre.Set(book.MainGenre), PubDate.Set(book.PubDate),
    ];
}
