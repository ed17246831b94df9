using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Shelf;

/// <summary>The reading-state fields of a shelf entry, as one value the rules can check and correct.</summary>
public sealed record ShelfFields(
    BookCategory Category,
    string? Expectation,
    DateOnly? ReadingStartDate,
    int? ReadingProgress,
    PurchaseType? PurchaseType,
    DateOnly? ReadingFinishedDate,
    int? Rating,
    string? Review);

/// <summary>docs/contract.md §4.1: which fields each category needs, checked when adding or editing an entry.</summary>
public static class CategoryRules
{
    public static ShelfFields Check(Validator v, ShelfFields f, int? totalPages)
    {
        v.MaxLength(f.Expectation, 500, "expectation").MaxLength(f.Review, 5000, "review");
        v.Min(f.ReadingProgress, 0, "readingProgress").Range(f.Rating, 1, 5, "rating");
        if (f.ReadingProgress is { } progress && totalPages is { } pages && pages > 0 && progress > pages)
        {
            v.Add("readingProgress", $"읽은 페이지는 전체 페이지({pages})를 넘을 수 없습니다.", $"Cannot exceed the book's {pages} pages.");
        }

        switch (f.Category)
        {
            case BookCategory.Reading or BookCategory.AlmostFinished:
                v.Required(f.ReadingStartDate, "readingStartDate").Required(f.ReadingProgress, "readingProgress");
                return f;
            case BookCategory.Finished:
                v.Required(f.ReadingStartDate, "readingStartDate").Required(f.ReadingFinishedDate, "readingFinishedDate").Required(f.Rating, "rating");
                if (f.ReadingStartDate is { } start && f.ReadingFinishedDate is { } finish && finish < start)
                {
                    v.Add("readingFinishedDate", "완독일은 시작일 이후여야 합니다.", "The finish date cannot be before the start date.");
                }

                if (totalPages is > 0)
                {
                    return f with { ReadingProgress = totalPages };
                }

                v.Required(f.ReadingProgress, "readingProgress");
                return f;
            default:
                return f;
        }
    }
}
