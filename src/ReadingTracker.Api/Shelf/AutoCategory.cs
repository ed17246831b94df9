namespace ReadingTracker.Api.Shelf;

/// <summary>
/// docs/contract.md §4.2: after a detail update, a book being read follows its progress. The percent is
/// rounded (half up, as the earlier Java Math.round): 0 → ToRead, 1–69 → Reading, 70–99 → AlmostFinished,
/// 100 → Finished. Finished needs the last page itself, not a percent that rounds up to 100. A category
/// the user chose by hand is not sent back to ToRead at 0 %.
/// </summary>
public static class AutoCategory
{
    public static BookCategory Decide(BookCategory current, bool manuallySet, int? progress, int? totalPages)
    {
        if (current is not (BookCategory.Reading or BookCategory.AlmostFinished)
            || progress is not { } read || totalPages is not { } total || total <= 0)
        {
            return current;
        }

        var percent = (int)Math.Round(read * 100.0 / total, MidpointRounding.AwayFromZero);
        return percent switch
        {
            <= 0 => manuallySet ? current : BookCategory.ToRead,
            < 70 => BookCategory.Reading,
            < 100 => BookCategory.AlmostFinished,
            _ => read == total ? BookCategory.Finished : current,
        };
    }
}
