using Dapper;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Tags;

namespace ReadingTracker.Api.Transfer;

/// <summary>The reads an import plans with: what the reader's shelf, memos and own tags already hold.</summary>
public sealed class ImportStore(FailoverReader reader)
{
    /// <summary>An IN list stays this short, whatever the file's size.</summary>
    private const int InChunk = 500;

    public sealed class EntryKeyRow
    {
        public long Id { get; init; }

        public string? Isbn { get; init; }

        public string? TitleKey { get; init; }

        public long? DeletedAt { get; init; }

        public string Title { get; init; } = "";

        public string Author { get; init; } = "";

        public int? TotalPages { get; init; }
    }

    public sealed class MemoKeyRow
    {
        public long UserBookId { get; init; }

        public string? ClientId { get; init; }

        public int PageNumber { get; init; }

        public string Content { get; init; } = "";
    }

    /// <summary>
    /// Every entry of the reader, removed ones too (a removed entry of the same ISBN, or of the same title key, is brought
    /// back, as adding it does).
    /// </summary>
    public async Task<IReadOnlyList<EntryKeyRow>> EntriesAsync(long userId, CancellationToken ct) =>
        (await reader.ReadAsync(c => c.QueryAsync<EntryKeyRow>(new CommandDefinition(
            "SELECT ub.id, ub.isbn, ub.title_key, ub.deleted_at, b.title, b.author, b.total_pages FROM user_books ub JOIN books b ON b.id = ub.book_id " +
            "WHERE ub.user_id = @userId", new { userId }, cancellationToken: ct)), ct)).AsList();

    /// <summary>The live memos on these entries, by what makes two memos the same (entry, page, content).</summary>
    public async Task<IReadOnlyList<MemoKeyRow>> MemosOnAsync(long userId, IReadOnlyList<long> entryIds, CancellationToken ct)
    {
        var rows = new List<MemoKeyRow>();
        foreach (var chunk in entryIds.Chunk(InChunk))
        {
            rows.AddRange(await reader.ReadAsync(c => c.QueryAsync<MemoKeyRow>(new CommandDefinition(
                "SELECT user_book_id, client_id, page_number, content FROM memo WHERE user_id = @userId AND deleted_at IS NULL AND user_book_id IN @chunk",
                new { userId, chunk }, cancellationToken: ct)), ct));
        }

        return rows;
    }

    /// <summary>Which of these clientIds the reader's memos already hold, deleted ones too (a memo deleted after its import stays deleted).</summary>
    public async Task<IReadOnlySet<string>> TakenClientIdsAsync(long userId, IReadOnlyList<string> clientIds, CancellationToken ct)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in clientIds.Chunk(InChunk))
        {
            taken.UnionWith(await reader.ReadAsync(c => c.QueryAsync<string>(new CommandDefinition(
                "SELECT client_id FROM memo WHERE user_id = @userId AND client_id IN @chunk", new { userId, chunk }, cancellationToken: ct)), ct));
        }

        return taken;
    }

    /// <summary>The reader's live own tags, which memos of an export from another account may name.</summary>
    public async Task<IReadOnlyList<TagRow>> OwnTagsAsync(long userId, CancellationToken ct) =>
        (await reader.ReadAsync(c => c.QueryAsync<TagRow>(new CommandDefinition(
            $"SELECT {TagCatalog.Columns} FROM tags WHERE owner_user_id = @userId AND deleted_at IS NULL", new { userId }, cancellationToken: ct)), ct)).AsList();
}
