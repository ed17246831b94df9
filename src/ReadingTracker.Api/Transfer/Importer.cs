using ReadingTracker.Api.Memos;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Shelf;
using ReadingTracker.Api.Tags;

namespace ReadingTracker.Api.Transfer;

/// <summary>What an import wrote: the rows of books it put on the shelf, those already there, and the memos it added.</summary>
public sealed record ImportOutcome(IReadOnlyList<ImportedBook> Imported, IReadOnlyList<ImportedBook> AlreadyOnShelf, int MemosImported);

/// <summary>
/// Writes a checked file through the one write path (docs/decisions/ADR-014-import-and-export.md). Every book the shelf
/// lacks becomes the reader's own books row and an entry (a removed entry of the same ISBN comes back); every memo not
/// already there (by clientId, or by entry, page and content) is added, without moving the entry's progress, which is
/// the file's. The writes go in batches of <see cref="BooksPerBatch"/> books, each all-or-nothing on both masters;
/// a failure between them leaves whole books only, and running the same file again adds exactly the rest.
/// </summary>
public sealed class Importer(ImportStore store, TagCatalog catalog, DualWriter writer, IdGenerator ids, TimeProvider time)
{
    public const int BooksPerBatch = 250;

    /// <summary>A batch is cut short of this much text too, so one write stays well inside a server's packet limit.</summary>
    private const int CharsPerBatch = 1_000_000;

    /// <summary>
    /// And short of this many row writes: one memo with two tags is three, and 10,000 memos in one batch ended in a 500
    /// on the MariaDB pair (a multi-statement of 30,000 writes).
    /// </summary>
    private const int WritesPerBatch = 1_000;

    private const int Attempts = 5;

    public async Task<ImportOutcome> ImportAsync(long userId, IReadOnlyList<ImportedBook> books, CancellationToken ct)
    {
        var ours = new HashSet<string>(StringComparer.Ordinal);
        var memosAdded = 0;
        for (var attempt = 1; ; attempt++)
        {
            var plan = await PlanAsync(userId, books, ct);
            try
            {
                foreach (var batch in plan.Batches)
                {
                    await writer.WriteAsync(batch.Writes, ct);
                    ours.UnionWith(batch.NewKeys);
                    memosAdded += batch.Memos;
                }

                var imported = books.Where(b => ours.Contains(b.Key)).DistinctBy(b => b.Key).ToList();
                var importedRows = imported.Select(b => b.Row).ToHashSet();
                return new ImportOutcome(imported, [.. books.Where(b => !importedRows.Contains(b.Row))], memosAdded);
            }
            catch (Exception ex) when (attempt < Attempts && ex is UniqueViolationException or DatabaseUnavailableException { LockConflict: true })
            {
                // The same book or memo was written meanwhile (the file sent twice at once, a tab adding the book), or
                // such a concurrent write made Primary roll this batch back as a deadlock's victim: plan again from what
                // is stored now; the batches this request wrote already are found there and skipped.
            }
        }
    }

    private sealed record PlannedBatch(WriteBatch Writes, IReadOnlyList<string> NewKeys, int Memos);

    private sealed record Plan(IReadOnlyList<PlannedBatch> Batches);

    private async Task<Plan> PlanAsync(long userId, IReadOnlyList<ImportedBook> books, CancellationToken ct)
    {
        var entries = await store.EntriesAsync(userId, ct);
        var byIsbn = entries.Where(e => e.Isbn is not null).ToDictionary(e => "isbn:" + e.Isbn, StringComparer.Ordinal);
        // An ISBN-less entry an import added keeps the key it was added under, whatever its title became since; one
        // added by hand is matched by its title and author as they are now.
        var byTitleKey = entries.Where(e => e.TitleKey is not null).ToDictionary(e => e.TitleKey!, StringComparer.Ordinal);
        var byTitle = entries.Where(e => e.DeletedAt is null).GroupBy(e => BookIdentity.Key(null, e.Title, e.Author))
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        ImportStore.EntryKeyRow? Found(ImportedBook b) =>
            byIsbn.GetValueOrDefault(b.Key)
            ?? (BookIdentity.TitleKey(b.Key) is { } titleKey ? byTitleKey.GetValueOrDefault(titleKey) : null)
            ?? byTitle.GetValueOrDefault(b.Key);
        ImportStore.EntryKeyRow? Live(ImportedBook b) => Found(b) is { DeletedAt: null } e ? e : null;

        var live = books.Select(Live).OfType<ImportStore.EntryKeyRow>().Select(e => e.Id).Distinct().ToList();
        var stored = await store.MemosOnAsync(userId, live, ct);
        var sameMemo = stored.Select(m => (m.UserBookId, m.PageNumber, m.Content)).ToHashSet();
        var taken = await store.TakenClientIdsAsync(userId, [.. books.SelectMany(b => b.Memos).Select(m => m.ClientId!).Distinct()], ct);
        var tags = await TagsAsync(userId, books, ct);

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var batches = new List<PlannedBatch>();
        var current = new WriteBatch();
        var keys = new List<string>();
        var (memos, chars, count) = (0, 0, 0);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var book in books)
        {
            if (!seen.Add(book.Key))
            {
                continue; // The same book twice in one file: its first row decides.
            }

            var entry = Live(book);
            long entryId;
            if (entry is null)
            {
                entryId = AddBook(current, userId, book, Found(book), now);
                keys.Add(book.Key);
                chars += book.Fields.Review?.Length ?? 0;
            }
            else
            {
                entryId = entry.Id;
            }

            foreach (var memo in book.Memos)
            {
                if (taken.Contains(memo.ClientId!) || !sameMemo.Add((entryId, memo.PageNumber, memo.Content)))
                {
                    continue;
                }

                current.AddNew(NewMemo(userId, entryId, book, memo, tags, now));
                memos++;
                chars += memo.Content.Length;
            }

            if (++count >= BooksPerBatch || chars >= CharsPerBatch || current.Writes.Count >= WritesPerBatch)
            {
                Flush();
            }
        }

        Flush();
        return new Plan(batches);

        void Flush()
        {
            if (!current.IsEmpty)
            {
                batches.Add(new PlannedBatch(current, keys, memos));
            }

            (current, keys, memos, chars, count) = (new WriteBatch(), [], 0, 0, 0);
        }
    }

    private long AddBook(WriteBatch batch, long userId, ImportedBook book, ImportStore.EntryKeyRow? removed, long now)
    {
        // A file's description is the reader's own: it never becomes or changes a shared catalogue row.
        var bookId = ids.NextId();
        batch.Add(BooksTable.Insert(bookId, book.Book, userId, isbn: null, now));
        if (removed is not null)
        {
            batch.Add(UserBooksTable.Revive(removed.Id, bookId, book.Fields, now));
            return removed.Id;
        }

        var entryId = ids.NextId();
        batch.Add(UserBooksTable.InsertImported(entryId, userId, book.Isbn13, BookIdentity.TitleKey(book.Key), bookId, book.Fields, book.AddedAt ?? now, now));
        return entryId;
    }

    private Memo NewMemo(long userId, long entryId, ImportedBook book, ImportedMemo memo, IReadOnlyList<TagRow> catalog, long now)
    {
        var row = new MemoRow
        {
            Id = ids.NextId(), UserId = userId, UserBookId = entryId, ClientId = memo.ClientId, PageNumber = memo.PageNumber,
            Content = memo.Content, MemoStartTime = memo.MemoStartTime, Version = 1, CreatedAt = now, UpdatedAt = now,
            BookTitle = book.Book.Title, BookIsbn = book.Isbn13,
        };
        // Tags this server does not have (another account's own tags) are left off; a memo without any gets `etc`.
        var known = memo.Tags.Where(code => catalog.Any(t => t.Code == code && t.IsActive && t.DeletedAt is null))
            .Distinct(StringComparer.Ordinal).Take(TagLimits.MaxTagsPerMemo).ToList();
        var resolved = TagResolver.Resolve(known, TagCategory.TYPE, catalog);
        return new Memo(row, [.. resolved.Select(t => new MemoTagRow
        {
            Id = ids.NextId(), MemoId = row.Id, TagId = t.Id, Code = t.Code, Category = t.Category, SortOrder = t.SortOrder,
        })]);
    }

    private async Task<IReadOnlyList<TagRow>> TagsAsync(long userId, IReadOnlyList<ImportedBook> books, CancellationToken ct)
    {
        var builtIn = await catalog.AllAsync(ct);
        var wantsOwn = books.SelectMany(b => b.Memos).SelectMany(m => m.Tags).Any(TagRow.LooksOwn);
        return wantsOwn ? [.. builtIn, .. await store.OwnTagsAsync(userId, ct)] : builtIn;
    }
}
