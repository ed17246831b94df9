namespace ReadingTracker.Api.Shelf;

/// <summary>
/// docs/contract.md §4.3: where "close the book" leaves an entry, by the raw (unrounded) share of pages
/// read: up to 80 % Reading, from 81 % AlmostFinished, the last page Finished. The earlier server sent
/// the fractional gaps (below 1 %, 80–81 %, 99–100 %) to Finished, so a reader closing at page 995 of 1000
/// was asked for a finish date the client never sends (CLOSE_BOOK_MISSING_FINISH_DATE); here each gap
/// belongs to its neighbour below and Finished means the last page, as the client assumes.
/// </summary>
public static class CloseBookRules
{
    public static BookCategory CategoryAfterClose(BookCategory current, int lastReadPage, int? totalPages)
    {
        if (totalPages is not { } total || total <= 0)
        {
            // Without the book's length there is no share to judge by.
            return current;
        }

        var percent = lastReadPage * 100.0 / total;
        return percent switch
        {
            <= 0 => BookCategory.ToRead,
            < 81 => BookCategory.Reading,
            < 100 => BookCategory.AlmostFinished,
            _ => BookCategory.Finished,
        };
    }
}
