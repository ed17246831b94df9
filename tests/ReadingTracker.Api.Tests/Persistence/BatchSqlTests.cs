using System.Text;
using MySqlConnector;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Tests.Persistence;

/// <summary>How a batch becomes MariaDB statements: adjacent inserts of one shape join one multi-row INSERT, in order.</summary>
public sealed class BatchSqlTests
{
    private static readonly Table Log = new("log");
    private static readonly Column<int> Page = Log.Column<int>("page");
    private static readonly Table Links = new("links");
    private static readonly Column<long> LogId = Links.Column<long>("log_id");

    [Fact]
    public void AppendWrites_JoinsAdjacentInsertsOfOneTableAndShape_AndKeepsEveryOtherWriteInItsPlace()
    {
        RowWrite[] writes =
        [
            Log.Insert(Log.Id.Set(1), Page.Set(3)),
            Log.Insert(Log.Id.Set(2), Page.Set(4)),
            Links.Insert(Links.Id.Set(7), LogId.Set(1)),
            Links.Insert(Links.Id.Set(8), LogId.Set(2)),
            Log.Update(1, Page.Set(5)),
            Log.Insert(Log.Id.Set(3), Page.Set(6)),
            // A row written elsewhere with another column set (an outbox replay of an older schema's row, say).
            new RowWrite(RowWriteKind.Insert, "log", 4, new Dictionary<string, object?> { ["id"] = 4L, ["page"] = 7, ["note"] = "other columns" }),
        ];
        using var command = new MySqlCommand();
        var sql = new StringBuilder();

        BatchSql.AppendWrites(sql, command, writes, 0, writes.Length);

        Assert.Equal(
            " INSERT INTO log (id, page) VALUES (@w0_id, @w0_page), (@w1_id, @w1_page);" +
            " INSERT INTO links (id, log_id) VALUES (@w2_id, @w2_log_id), (@w3_id, @w3_log_id);" +
            " UPDATE log SET page = @w4_page WHERE id = @w4_id;" +
            " INSERT INTO log (id, page) VALUES (@w5_id, @w5_page);" +
            " INSERT INTO log (id, page, note) VALUES (@w6_id, @w6_page, @w6_note);",
            sql.ToString());
        Assert.Equal(15, command.Parameters.Count);
        Assert.Equal(4L, Convert.ToInt64(command.Parameters["@w1_page"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("other columns", command.Parameters["@w6_note"].Value);
    }

    [Fact]
    public void AppendWrites_NamesParametersByTheWritesIndex_WhenTheRangeStartsPastZero()
    {
        RowWrite[] writes = [Log.Update(1, Page.Set(5)), Log.Insert(Log.Id.Set(3), Page.Set(6)), Log.Insert(Log.Id.Set(4), Page.Set(7))];
        using var command = new MySqlCommand();
        var sql = new StringBuilder();

        BatchSql.AppendWrites(sql, command, writes, 1, 3);

        Assert.Equal(" INSERT INTO log (id, page) VALUES (@w1_id, @w1_page), (@w2_id, @w2_page);", sql.ToString());
    }
}
