using System.Globalization;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Shelf;

/// <summary>Between a stored entry and the reading-state fields the rules work on, and back as one row update.</summary>
public static class ShelfEntryWrites
{
    public static ShelfFields Fields(ShelfEntryRow row) => new(
        row.CategoryValue, row.Expectation, ParseDate(row.ReadingStartDate), row.ReadingProgress,
        row.PurchaseType is { } p ? Enum.Parse<PurchaseType>(p) : null,
        ParseDate(row.ReadingFinishedDate), row.Rating, row.Review);

    /// <summary>Every reading-state column of the entry, so what is stored is exactly what the rules checked.</summary>
    public static WriteBatch UpdateEntry(this WriteBatch batch, long userBookId, ShelfFields f, bool manuallySet, long now) =>
        batch.Add(UserBooksTable.UpdateReading(userBookId, f, manuallySet, now)).Add(UserBooksTable.NextVersion(userBookId));

    private static DateOnly? ParseDate(string? value) =>
        value is null ? null : DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
