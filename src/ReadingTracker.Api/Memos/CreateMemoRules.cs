using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Shelf;
using ReadingTracker.Api.Tags;

namespace ReadingTracker.Api.Memos;

/// <summary>A create request that passed validation: its values normalised, its start time an instant.</summary>
public sealed record ValidMemoRequest(
    long UserBookId, int PageNumber, string Content, long MemoStartTime, string? ClientId, IReadOnlyList<string?>? Tags, TagCategory TagCategory);

/// <summary>
/// The one rule set of creating a memo, for POST /memos and for every item of POST /memos/batch: what a request
/// must hold, how its values are normalised, which tags it gets, and the rows it becomes.
/// </summary>
public static class CreateMemoRules
{
    /// <summary>
    /// Checks one create request. A batch item also needs a clientId (<paramref name="clientIdRequired"/>): it is
    /// what makes a batch safe to retry.
    /// </summary>
    /// <exception cref="ApiException">VALIDATION_FAILED with every field that is wrong.</exception>
    public static ValidMemoRequest Validate(CreateMemoRequest? request, TimeZoneInfo zone, TimeProvider time, bool clientIdRequired)
    {
        var v = new Validator().Required(request, "memo");
        v.ThrowIfInvalid();
        v.Required(request!.UserBookId, "userBookId").Required(request.PageNumber, "pageNumber").Required(request.MemoStartTime, "memoStartTime");
        if (clientIdRequired)
        {
            v.Required(request.ClientId, "clientId");
        }

        v.PageNumber(request.PageNumber).Content(request.Content, required: true);
        var startTime = v.MemoStartTime(request.MemoStartTime, zone, time);
        var clientId = v.ClientId(request.ClientId);
        v.ThrowIfInvalid();
        return new ValidMemoRequest(
            request.UserBookId!.Value, request.PageNumber!.Value, request.Content!, startTime!.Value, clientId, request.Tags,
            request.TagCategory ?? TagCategory.TYPE);
    }

    /// <summary>The memo a valid request creates on the user's shelf entry, with its tags resolved from the catalogue.</summary>
    /// <exception cref="ApiException">VALIDATION_FAILED on a page past the book's last; UNKNOWN_TAG naming every code that is unknown or inactive.</exception>
    public static Memo Build(ValidMemoRequest request, long userId, ShelfEntryRow entry, IReadOnlyList<TagRow> catalog, IdGenerator ids, long now)
    {
        MemoProgress.PageWithinBook(new Validator(), request.PageNumber, entry.TotalPages).ThrowIfInvalid();
        var tags = TagResolver.Resolve(request.Tags, request.TagCategory, catalog);
        var row = new MemoRow
        {
            Id = ids.NextId(), UserId = userId, UserBookId = entry.Id, ClientId = request.ClientId, PageNumber = request.PageNumber,
            Content = request.Content, MemoStartTime = request.MemoStartTime, Version = 1, CreatedAt = now, UpdatedAt = now,
            BookTitle = entry.Title, BookIsbn = entry.Isbn,
        };
        var links = tags.Select(t => new MemoTagRow
        {
            Id = ids.NextId(), MemoId = row.Id, TagId = t.Id, Code = t.Code, Category = t.Category, SortOrder = t.SortOrder,
        }).ToList();
        return new Memo(row, links);
    }

    /// <summary>
    /// Adds the new memos' rows to the batch and, for each entry they are on, the move of its progress to their highest
    /// page (one per entry, however many memos): the trackers of those moves by entry id.
    /// </summary>
    public static IReadOnlyDictionary<long, MemoProgress> AddNewFollowingProgress(
        this WriteBatch batch, IReadOnlyCollection<(Memo Memo, ShelfEntryRow Entry)> memos, IdGenerator ids, TimeProvider time)
    {
        batch.AddNew(memos.Select(m => m.Memo));
        return memos.GroupBy(m => m.Entry.Id).ToDictionary(
            g => g.Key, g => MemoProgress.Follow(batch, g.First().Entry, g.Max(m => m.Memo.Row.PageNumber), ids, time));
    }

    /// <summary>Adds the new memo's rows to the batch: the memo, its search index row, then its tag links, stamped when the memo was created.</summary>
    public static WriteBatch AddNew(this WriteBatch batch, Memo memo)
    {
        batch.Add(MemoTable.Insert(memo.Row)).Add(Search.MemoSearchTable.Insert(memo.Row));
        foreach (var link in memo.Tags)
        {
            batch.Add(MemoTagsTable.Insert(link, memo.Row.CreatedAt));
        }

        return batch;
    }

    /// <summary>
    /// Adds several new memos' rows table by table — every memo, then every search row, then every tag link — so each
    /// table's rows lie side by side and go to a master as one multi-row insert; a row still follows the memo it
    /// belongs to.
    /// </summary>
    public static WriteBatch AddNew(this WriteBatch batch, IEnumerable<Memo> memos)
    {
        var all = memos.ToList();
        foreach (var memo in all)
        {
            batch.Add(MemoTable.Insert(memo.Row));
        }

        foreach (var memo in all)
        {
            batch.Add(Search.MemoSearchTable.Insert(memo.Row));
        }

        foreach (var memo in all)
        {
            foreach (var link in memo.Tags)
            {
                batch.Add(MemoTagsTable.Insert(link, memo.Row.CreatedAt));
            }
        }

        return batch;
    }
}
