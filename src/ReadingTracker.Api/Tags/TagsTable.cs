using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Tags;

/// <summary>
/// The writes of tags. The seeded catalogue rows (no owner) are written by migrations only; the application writes
/// a reader's own tags: inserted, renamed or moved to the other category, and soft-deleted (ADR-011).
/// </summary>
public static class TagsTable
{
    public static readonly Table Table = new("tags");

    private static readonly Column<TagCategory> Category = Table.Column<TagCategory>("category");
    private static readonly Column<string> Code = Table.Column<string>("code");
    private static readonly Column<int> SortOrder = Table.Column<int>("sort_order");
    private static readonly Column<bool> IsActive = Table.Column<bool>("is_active");
    private static readonly Column<long?> OwnerUserId = Table.Column<long?>("owner_user_id");
    private static readonly Column<string?> Name = Table.Column<string?>("name");
    private static readonly Column<string?> NameKey = Table.Column<string?>("name_key");
    private static readonly Column<long> CreatedAt = Table.Column<long>("created_at");
    private static readonly Column<long> UpdatedAt = Table.Column<long>("updated_at");

    // A new tag is live: inserts leave the tombstone to the schema's NULL.
    private static readonly Column<long?> DeletedAt = Table.Column<long?>("deleted_at", onInsert: false);

    public static RowWrite InsertOwn(long id, long ownerUserId, TagCategory category, TagName name, long now) => Table.Insert(
        Table.Id.Set(id), Category.Set(category), Code.Set(TagRow.OwnCode(id)), SortOrder.Set(TagRow.OwnSortOrder), IsActive.Set(true),
        OwnerUserId.Set(ownerUserId), Name.Set(name.Text), NameKey.Set(name.Key), CreatedAt.Set(now), UpdatedAt.Set(now));

    /// <summary>A new name or category, only while the tag is live (a concurrent delete wins; its undo is then a no-op too).</summary>
    public static RowWrite Edit(long id, TagCategory category, TagName name, long now) => Table.UpdateIf(
        id, [Category.Set(category), Name.Set(name.Text), NameKey.Set(name.Key), UpdatedAt.Set(now)], [DeletedAt.Set(null)]);

    /// <summary>A tombstone: the code is never reused, the name is freed, and no read shows the tag any more.</summary>
    public static RowWrite SoftDelete(long id, long now) => Table.UpdateIf(
        id, [NameKey.Set(null), DeletedAt.Set(now), UpdatedAt.Set(now)], [DeletedAt.Set(null)]);
}
