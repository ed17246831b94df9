using System.Globalization;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Shelf;

/// <summary>Whose value lost a late change's resolution: the one the server held, or the one the change asked for.</summary>
public enum ConflictLoser
{
    STORED,
    REQUEST,
}

/// <summary>One field's losing value (wire text; null for none) and the value the entry kept instead.</summary>
public sealed record LostValue(string Field, string? Lost, string? Kept, ConflictLoser Loser);

/// <summary>
/// A shelf change made on an older version of the entry than the one stored (its <c>baseVersion</c> is behind) is late:
/// another write reached the entry after the client last saw it. ADR-013 resolves it per field instead of letting either
/// side vanish: pages read — the larger wins; every other field (category, dates, purchase type, expectation, rating,
/// review) — the late change wins, as the later write to arrive. Every losing value is kept in shelf_conflicts and the
/// answer names it. A change without baseVersion, or on the current version, is not late and applies as sent.
/// </summary>
public static class ShelfConflicts
{
    public static bool IsLate(ShelfEntryRow entry, int? baseVersion) => baseVersion is { } seen && seen < entry.Version;

    /// <summary>Pages read of a late change: never below what the entry already holds.</summary>
    public static int? Pages(bool late, int? requested, int? stored) =>
        late && requested is { } asked && stored is { } held && asked < held ? held : requested;

    /// <summary>
    /// The values a late change's resolution dropped, field by field: the request's own value where the entry kept another
    /// (pages read), else the stored value the change replaced (any field but pages read). Nothing for a change that is
    /// not late.
    /// </summary>
    public static IReadOnlyList<LostValue> Losers(bool late, ShelfFields stored, ShelfFields requested, ShelfFields resolved)
    {
        var lost = new List<LostValue>();
        if (!late)
        {
            return lost;
        }

        Compare(lost, "category", stored.Category, requested.Category, resolved.Category);
        Compare(lost, "expectation", stored.Expectation, requested.Expectation, resolved.Expectation);
        Compare(lost, "readingStartDate", stored.ReadingStartDate, requested.ReadingStartDate, resolved.ReadingStartDate);
        // Pages read only ever lose on the request's side: a larger page replacing the stored one is progress, which
        // progress_history already records, not a conflict.
        Compare(lost, "readingProgress", resolved.ReadingProgress, requested.ReadingProgress, resolved.ReadingProgress);
        Compare(lost, "purchaseType", stored.PurchaseType, requested.PurchaseType, resolved.PurchaseType);
        Compare(lost, "readingFinishedDate", stored.ReadingFinishedDate, requested.ReadingFinishedDate, resolved.ReadingFinishedDate);
        Compare(lost, "rating", stored.Rating, requested.Rating, resolved.Rating);
        Compare(lost, "review", stored.Review, requested.Review, resolved.Review);
        return lost;
    }

    /// <summary>Keeps each losing value in shelf_conflicts, in the batch that writes the resolution.</summary>
    public static WriteBatch AddLosers(this WriteBatch batch, IdGenerator ids, ShelfEntryRow entry, IReadOnlyList<LostValue> lost, long now)
    {
        foreach (var value in lost)
        {
            batch.Add(ShelfConflictsTable.Insert(ids.NextId(), entry.UserId, entry.Id, value, now));
        }

        return batch;
    }

    private static void Compare<T>(List<LostValue> lost, string field, T stored, T requested, T resolved)
    {
        if (!EqualityComparer<T>.Default.Equals(requested, resolved))
        {
            lost.Add(new LostValue(field, Wire(requested), Wire(resolved), ConflictLoser.REQUEST));
        }
        else if (!EqualityComparer<T>.Default.Equals(stored, resolved))
        {
            lost.Add(new LostValue(field, Wire(stored), Wire(resolved), ConflictLoser.STORED));
        }
    }

    private static string? Wire(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

/// <summary>The writes of shelf_conflicts: one row per value a late shelf change's resolution dropped, only ever inserted.</summary>
public static class ShelfConflictsTable
{
    public static readonly Table Table = new("shelf_conflicts");

    private static readonly Column<long> UserId = Table.Column<long>("user_id");
    private static readonly Column<long> UserBookId = Table.Column<long>("user_book_id");
    private static readonly Column<string> Field = Table.Column<string>("field");
    private static readonly Column<string?> LostValue = Table.Column<string?>("lost_value");
    private static readonly Column<string?> KeptValue = Table.Column<string?>("kept_value");
    private static readonly Column<ConflictLoser> Loser = Table.Column<ConflictLoser>("loser");
    private static readonly Column<long> At = Table.Column<long>("at");

    public static RowWrite Insert(long id, long userId, long userBookId, LostValue value, long at) => Table.Insert(
        Table.Id.Set(id), UserId.Set(userId), UserBookId.Set(userBookId), Field.Set(value.Field), LostValue.Set(value.Lost),
        KeptValue.Set(value.Kept), Loser.Set(value.Loser), At.Set(at));
}
