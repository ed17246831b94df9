using ReadingTracker.Api.Memos;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Tests.Persistence;

public sealed class WriteOutboxRulesTests
{
    [Fact]
    public void OutboxRefs_RoundTrip_EveryRowOfTheBatch_OnceEach()
    {
        var batch = new WriteBatch()
            .Add(MemoTable.Insert(new MemoRow { Id = 10 }))
            .Add(MemoTagsTable.Insert(new MemoTagRow { Id = 11, MemoId = 10 }, createdAt: 0))
            .Add(MemoTagsTable.Insert(new MemoTagRow { Id = 12, MemoId = 10 }, createdAt: 0))
            .Add(MemoTable.Edit(new MemoRow { Id = 10, Content = "again" }));

        var entry = OutboxEntry.For(batch, id: 99, now: 1000);

        Assert.Equal("memo:10;memo_tags:11,12", entry.Refs());
        Assert.Equal([("memo", 10L), ("memo_tags", 11L), ("memo_tags", 12L)], OutboxEntry.ParseRefs(entry.Refs()));
    }

    [Fact]
    public void AnUpdate_StillHoldsItsWrite_OnlyWhileEveryWrittenColumnIsUnchanged()
    {
        var write = new RowWrite(RowWriteKind.Update, "users", 1, new Dictionary<string, object?> { ["name"] = "ours", ["failed_login_count"] = 0L });

        Assert.True(RowSql.StillHoldsWrite(write, Row(("name", "ours"), ("failed_login_count", 0L), ("email", "x"))));
        Assert.False(RowSql.StillHoldsWrite(write, Row(("name", "theirs"), ("failed_login_count", 0L))));
        Assert.False(RowSql.StillHoldsWrite(write, null));
    }

    [Fact]
    public void AnInsert_StillHoldsItsWrite_UnlessTheRowWasRewritten_AndADeleteOnlyWhileTheRowIsGone()
    {
        var insert = new RowWrite(RowWriteKind.Insert, "memo", 1, new Dictionary<string, object?> { ["id"] = 1L, ["content"] = "ours", ["deleted_at"] = null });
        var delete = new RowWrite(RowWriteKind.Delete, "memo_tags", 2, new Dictionary<string, object?>());

        Assert.True(RowSql.StillHoldsWrite(insert, Row(("id", 1L), ("content", "ours"), ("deleted_at", null))));
        Assert.False(RowSql.StillHoldsWrite(insert, Row(("id", 1L), ("content", "ours"), ("deleted_at", 5L))));
        Assert.True(RowSql.StillHoldsWrite(insert, null));
        Assert.True(RowSql.StillHoldsWrite(delete, null));
        Assert.False(RowSql.StillHoldsWrite(delete, Row(("id", 2L))));
    }

    private static Dictionary<string, object?> Row(params (string Column, object? Value)[] values) =>
        values.ToDictionary(v => v.Column, v => v.Value);
}
