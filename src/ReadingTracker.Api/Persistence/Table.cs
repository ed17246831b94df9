namespace ReadingTracker.Api.Persistence;

/// <summary>
/// A table the application writes, and the one place its column names are spelled. Each table's typed writes
/// (<c>MemoTable</c>, <c>UsersTable</c>…) declare its columns once and build every insert, update and delete of
/// that table from them. What a name alone cannot show is checked when a write is built: a column of another
/// table, a column given twice, or an insert that leaves out a column it must write throws at once, before any
/// SQL is sent. The integration tier checks every declared column against both providers' migrated schema.
/// </summary>
public sealed class Table
{
    private readonly List<Column> _columns = [];

    public Table(string name)
    {
        Name = name;
        Id = Column<long>("id");
    }

    public string Name { get; }

    /// <summary>The primary key: decided by the application, written by every insert, the address of every other write.</summary>
    public Column<long> Id { get; }

    public IReadOnlyList<Column> Columns => _columns;

    /// <summary>The columns every insert writes: all of them but those declared with <c>onInsert: false</c>.</summary>
    public IEnumerable<Column> InsertColumns => _columns.Where(c => c.OnInsert);

    /// <summary>
    /// Declares a column. <typeparamref name="T"/> is what callers write into it (an enum is stored by name, a date as
    /// yyyy-MM-dd, a flag as 0/1). With <paramref name="onInsert"/> false, inserts leave it to the schema's default.
    /// </summary>
    public Column<T> Column<T>(string name, bool onInsert = true)
    {
        if (_columns.Any(c => c.Name == name))
        {
            throw new ArgumentException($"{Name}.{name} is declared twice.", nameof(name));
        }

        var column = new Column<T>(this, name, onInsert);
        _columns.Add(column);
        return column;
    }

    /// <summary>A new row: the id and every insert column, each once.</summary>
    public RowWrite Insert(params ReadOnlySpan<ColumnValue> values)
    {
        var row = ToRow(values, "an insert");
        var missing = InsertColumns.Where(c => !row.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"An insert into {Name} leaves out {string.Join(", ", missing)}.", nameof(values));
        }

        return new RowWrite(RowWriteKind.Insert, Name, (long)row[Id.Name]!, row);
    }

    /// <summary>Sets the given columns of the row <paramref name="id"/>.</summary>
    public RowWrite Update(long id, params ReadOnlySpan<ColumnValue> values) =>
        new(RowWriteKind.Update, Name, id, ToChanges(values, "an update"));

    /// <summary>
    /// Sets the given columns only while the row's <paramref name="guard"/> columns still hold the given values —
    /// a compare-and-set each master evaluates, for a transition that concurrent requests must make once, not once
    /// each. When the guard fails the update changes nothing, and so does its undo.
    /// </summary>
    public RowWrite UpdateIf(long id, ReadOnlySpan<ColumnValue> values, ReadOnlySpan<ColumnValue> guard) =>
        new(RowWriteKind.Update, Name, id, ToChanges(values, "an update")) { Guard = ToChanges(guard, "a guard") };

    /// <summary>
    /// Sets the given columns only while the row's <paramref name="below"/> column is null or holds less than the given
    /// value — a move that only goes forward. Applied on both masters in whatever order concurrent writes arrive, such
    /// moves end at the highest one on each.
    /// </summary>
    public RowWrite UpdateIfBelow(long id, ColumnValue below, params ReadOnlySpan<ColumnValue> values) =>
        new(RowWriteKind.Update, Name, id, ToChanges(values, "an update")) { Below = ToChanges([below], "a guard") };

    /// <summary>
    /// Adds <paramref name="delta"/> to a numeric column, computed by each master (<c>c = c + delta</c>), so concurrent
    /// increments all count. It has no before-image: its undo is the inverse delta, which cannot erase a concurrent one.
    /// </summary>
    public RowWrite Increment<T>(long id, Column<T> column, long delta)
        where T : struct
    {
        Own(column);
        return new RowWrite(RowWriteKind.Increment, Name, id, new Dictionary<string, object?> { [column.Name] = delta });
    }

    /// <summary>Removes the row. Only for link rows (memo_tags) and purges of expired rows; entities are soft-deleted by an update.</summary>
    public RowWrite Delete(long id) => new(RowWriteKind.Delete, Name, id, new Dictionary<string, object?>());

    public override string ToString() => Name;

    private Dictionary<string, object?> ToChanges(ReadOnlySpan<ColumnValue> values, string what)
    {
        var row = ToRow(values, what);
        return row.ContainsKey(Id.Name) ? throw new ArgumentException($"{what} of {Name} cannot change its id.", nameof(values)) : row;
    }

    private Dictionary<string, object?> ToRow(ReadOnlySpan<ColumnValue> values, string what)
    {
        var row = new Dictionary<string, object?>(values.Length, StringComparer.Ordinal);
        foreach (var (column, value) in values)
        {
            Own(column);
            if (!row.TryAdd(column.Name, value))
            {
                throw new ArgumentException($"{what} of {Name} gives {column.Name} twice.", nameof(values));
            }
        }

        return row;
    }

    private void Own(Column column)
    {
        if (column.Table != this)
        {
            throw new ArgumentException($"{column} is not a column of {Name}.", nameof(column));
        }
    }
}
