using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Tests.Persistence;

/// <summary>Rows decided under lock (<see cref="WriteBatch.Lock"/>): what a decision may write, and the before-images it gets.</summary>
public sealed class WriteBatchTests
{
    private static readonly Table Entries = new("entries");
    private static readonly Column<int?> Progress = Entries.Column<int?>("progress");
    private static readonly Table Log = new("log");
    private static readonly Column<int> Page = Log.Column<int>("page");

    private static readonly Dictionary<string, object?> Locked = new() { ["id"] = 5L, ["progress"] = 10L };

    [Fact]
    public void Decide_AppendsTheDecidedWrites_AfterTheBatchsOwn_WithTheLockedRowAsTheUpdatesBeforeImage()
    {
        var batch = new WriteBatch().Add(Log.Insert(Log.Id.Set(1), Page.Set(3)));
        batch.Lock(Entries, 5, row => [Entries.UpdateIfBelow(5, Progress.Set(20), Progress.Set(20)), Log.Insert(Log.Id.Set(2), Page.Set(20))]);

        var images = batch.Decide([Locked]);

        Assert.Empty(batch.LockedReads);
        Assert.Equal([("log", 1L), ("entries", 5L), ("log", 2L)], batch.Writes.Select(w => (w.Table, w.Id)));
        Assert.Same(Locked, images[1]);
        Assert.Null(images[2]);
        Assert.False(images.ContainsKey(0));
    }

    [Fact]
    public void WritesLockedRowsFirst_PutsTheDecidedUpdateAheadOfTheChildInserts_ForAMasterThatLocksNothingFirst()
    {
        var batch = new WriteBatch().Add(Log.Insert(Log.Id.Set(1), Page.Set(3)));
        batch.Lock(Entries, 5, _ => [Entries.UpdateIfBelow(5, Progress.Set(20), Progress.Set(20)), Log.Insert(Log.Id.Set(2), Page.Set(20))]);
        Assert.Same(batch.Writes, batch.WritesLockedRowsFirst()); // nothing decided yet

        batch.Decide([Locked]);

        Assert.Equal([("entries", 5L), ("log", 1L), ("log", 2L)], batch.WritesLockedRowsFirst().Select(w => (w.Table, w.Id)));
        Assert.Equal([("log", 1L), ("entries", 5L), ("log", 2L)], batch.Writes.Select(w => (w.Table, w.Id)));
    }

    [Fact]
    public void WritesLockedRowsFirst_KeepsTheOrder_WhenTheBatchsOwnWritesChangeTheSameRow()
    {
        var batch = new WriteBatch().Add(Entries.Update(5, Progress.Set(12)));
        batch.Lock(Entries, 5, _ => [Entries.UpdateIfBelow(5, Progress.Set(20), Progress.Set(20))]);

        batch.Decide([Locked]);

        Assert.Same(batch.Writes, batch.WritesLockedRowsFirst());
    }

    [Fact]
    public void Decide_RefusesAnUpdateOfAnotherRowThanTheLockedOne()
    {
        var batch = new WriteBatch();
        batch.Lock(Entries, 5, _ => [Entries.Update(6, Progress.Set(20))]);

        Assert.Throws<InvalidOperationException>(() => batch.Decide([Locked]));
    }

    [Fact]
    public void Lock_OrdersTheRowsById_SoTwoBatchesLockThemInTheSameOrder()
    {
        var batch = new WriteBatch();
        batch.Lock(Entries, 9, _ => []).Lock(Entries, 4, _ => []);

        Assert.Equal([4L, 9L], batch.LockedReads.Select(r => r.Id));
        Assert.False(batch.IsEmpty);
    }

    [Fact]
    public void UpdateIfBelow_AppliesOnlyWhileTheColumnIsNullOrLower()
    {
        using var command = new Microsoft.Data.Sqlite.SqliteCommand();

        var sql = RowSql.AddWrite(command, Entries.UpdateIfBelow(5, Progress.Set(20), Progress.Set(20)), "w0_");

        Assert.Equal("UPDATE entries SET progress = @w0_progress WHERE id = @w0_id AND (progress IS NULL OR progress < @w0_below_progress)", sql);
    }
}
