using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Tests.Persistence;

/// <summary>What a table's typed writes refuse to build, and how they store values.</summary>
public sealed class TableTests
{
    private enum Shade
    {
        Light,
        Dark,
    }

    private static readonly Table Sample = new("sample");
    private static readonly Column<string> Title = Sample.Column<string>("title");
    private static readonly Column<Shade> Tone = Sample.Column<Shade>("tone");
    private static readonly Column<bool> Pinned = Sample.Column<bool>("pinned");
    private static readonly Column<DateOnly?> Day = Sample.Column<DateOnly?>("day");
    private static readonly Column<int?> Pages = Sample.Column<int?>("pages");
    private static readonly Column<int> Views = Sample.Column<int>("views");
    private static readonly Column<long?> DeletedAt = Sample.Column<long?>("deleted_at", onInsert: false);

    private static readonly Table Other = new("other");
    private static readonly Column<string> OtherTitle = Other.Column<string>("title");

    [Fact]
    public void AnInsert_StoresEachValueAsTheMastersHoldIt()
    {
        var write = Sample.Insert(
            Sample.Id.Set(7), Title.Set("t"), Tone.Set(Shade.Dark), Pinned.Set(true), Day.Set(new DateOnly(2026, 3, 9)), Pages.Set(12),
            Views.Set(0));

        Assert.Equal((RowWriteKind.Insert, "sample", 7L), (write.Kind, write.Table, write.Id));
        Assert.Equal(
            [("id", 7L), ("title", "t"), ("tone", "Dark"), ("pinned", 1L), ("day", "2026-03-09"), ("pages", 12L), ("views", 0L)],
            write.Values.Select(v => (v.Key, v.Value)));
    }

    [Fact]
    public void AnInsert_ThatLeavesOutAColumn_Throws_NamingIt_ButMayLeaveOutOneTheSchemaFills()
    {
        var error = Assert.Throws<ArgumentException>(() => Sample.Insert(Sample.Id.Set(7), Title.Set("t"), Tone.Set(Shade.Light), Day.Set(null)));

        Assert.Contains("pinned, pages, views", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("deleted_at", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWrite_WithAColumnOfAnotherTable_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Sample.Update(7, OtherTitle.Set("t")));

        Assert.Contains("other.title is not a column of sample", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWrite_ThatGivesAColumnTwice_Throws()
    {
        Assert.Throws<ArgumentException>(() => Sample.Update(7, Title.Set("a"), Title.Set("b")));
    }

    [Fact]
    public void AnUpdateOrItsGuard_CannotChangeTheId()
    {
        Assert.Throws<ArgumentException>(() => Sample.Update(7, Sample.Id.Set(8)));
        Assert.Throws<ArgumentException>(() => Sample.UpdateIf(7, [Title.Set("t")], [Sample.Id.Set(7)]));
    }

    [Fact]
    public void AGuardedUpdate_CarriesItsGuard_AndAnIncrementItsDelta()
    {
        var update = Sample.UpdateIf(7, [Title.Set("new"), DeletedAt.Set(null)], [Title.Set("old")]);
        var increment = Sample.Increment(7, Views, 1);

        Assert.Equal([("title", (object?)"new"), ("deleted_at", null)], update.Values.Select(v => (v.Key, v.Value)));
        Assert.Equal([("title", (object?)"old")], update.Guard!.Select(v => (v.Key, v.Value)));
        Assert.Equal((RowWriteKind.Increment, 1L), (increment.Kind, increment.Values["views"]));
    }

    [Fact]
    public void AColumnDeclaredTwice_Throws()
    {
        var table = new Table("twice");
        table.Column<string>("name");

        Assert.Throws<ArgumentException>(() => table.Column<string>("name"));
        Assert.Throws<ArgumentException>(() => table.Column<long>("id"));
    }
}
