using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Shelf;

/// <summary>
/// An entry's progress as a memo write left it (docs/contract.md §4.5): <c>moved</c> when this write moved it,
/// <c>reachedLastPage</c> when it stands on the book's last page and the book is not finished, so the client can ask
/// whether to finish it.
/// </summary>
public sealed record ProgressResponse(int? ReadingProgress, int? TotalPages, BookCategory Category, bool Moved, bool ReachedLastPage)
{
    public static ProgressResponse Of(int? progress, int? totalPages, BookCategory category, bool moved) =>
        new(progress, totalPages, category, moved,
            progress is { } page && totalPages is { } total && total > 0 && page == total && category != BookCategory.Finished);
}

/// <summary>
/// Progress follows memos (docs/contract.md §4.5). A memo on a page past the entry's progress (none counts as 0)
/// moves the progress to that page in the memo's own write batch, never backward; a book being read then follows the
/// progress as after a detail update (§4.2), but no further than AlmostFinished: reaching the last page does not finish
/// a book by itself. The decision is made on the entry row as Primary holds it under lock inside the write (see
/// <see cref="WriteBatch.Lock"/>), so two memos landing at once move it once each way up, and its history row tells
/// the page it really came from; the locked row is also what a compensation puts back. A memo at or below the
/// progress the request read costs nothing more than the memo.
/// </summary>
public sealed class MemoProgress
{
    private readonly ShelfEntryRow _entry;
    private readonly int _page;
    private readonly IdGenerator _ids;
    private readonly TimeProvider _time;

    private MemoProgress(ShelfEntryRow entry, int page, IdGenerator ids, TimeProvider time)
    {
        (_entry, _page, _ids, _time) = (entry, page, ids, time);
        Result = ProgressResponse.Of(entry.ReadingProgress, entry.TotalPages, entry.CategoryValue, moved: false);
    }

    /// <summary>The entry's progress after the batch was written (before: as the request read it).</summary>
    public ProgressResponse Result { get; private set; }

    /// <summary>A memo page beyond the book's known length is refused, like a progress beyond it (§4.1).</summary>
    public static Validator PageWithinBook(Validator v, int page, int? totalPages)
    {
        if (totalPages is { } total && total > 0 && page > total)
        {
            v.Add("pageNumber", $"페이지는 책의 전체 페이지({total})를 넘을 수 없습니다.", $"The page cannot be past the book's last page ({total}).");
        }

        return v;
    }

    /// <summary>
    /// Adds to <paramref name="batch"/> the move a memo on <paramref name="page"/> makes, when the page is past the
    /// progress the request read; the returned tracker's <see cref="Result"/> is the answer once the batch is written.
    /// </summary>
    public static MemoProgress Follow(WriteBatch batch, ShelfEntryRow entry, int page, IdGenerator ids, TimeProvider time)
    {
        var move = new MemoProgress(entry, page, ids, time);
        if (page > (entry.ReadingProgress ?? 0))
        {
            batch.Lock(UserBooksTable.Table, entry.Id, move.Decide);
        }

        return move;
    }

    /// <summary>Where a memo's move leaves the category: only a book being read follows, and not past AlmostFinished.</summary>
    public static BookCategory CategoryAt(BookCategory current, bool manuallySet, int page, int? totalPages) =>
        current != BookCategory.Reading
            ? current
            : AutoCategory.Decide(current, manuallySet, page, totalPages) switch
            {
                BookCategory.Finished => BookCategory.AlmostFinished,
                // A forward move never sends a book back to ToRead (a first page that rounds to 0 %).
                BookCategory.ToRead => BookCategory.Reading,
                var category => category,
            };

    private IReadOnlyList<RowWrite> Decide(IReadOnlyDictionary<string, object?>? row)
    {
        if (row is null || row["deleted_at"] is not null)
        {
            return [];
        }

        var progress = row["reading_progress"] is { } stored ? Convert.ToInt32(stored, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        var category = Enum.Parse<BookCategory>((string)row["category"]!);
        if (_page <= (progress ?? 0))
        {
            // A concurrent write got there first: this memo leaves the progress where it is.
            Result = ProgressResponse.Of(progress, _entry.TotalPages, category, moved: false);
            return [];
        }

        var manuallySet = Convert.ToInt64(row["category_manually_set"], System.Globalization.CultureInfo.InvariantCulture) != 0;
        var next = CategoryAt(category, manuallySet, _page, _entry.TotalPages);
        Result = ProgressResponse.Of(_page, _entry.TotalPages, next, moved: true);
        // Stamped and numbered under the lock: the entry's history then orders its moves as they happened, each one
        // starting where the one before it ended, whichever request began first.
        var (id, now) = (_ids.NextId(), _time.GetUtcNow().ToUnixTimeMilliseconds());
        return
        [
            UserBooksTable.MoveProgress(_entry.Id, _page, next, now),
            UserBooksTable.NextVersion(_entry.Id),
            ProgressHistoryTable.Insert(id, _entry.UserId, _entry.Id, progress, _page, ProgressSource.MEMO, now),
        ];
    }
}
