using System.Globalization;

namespace ReadingTracker.Api.Persistence;

/// <summary>One column of a <see cref="Persistence.Table"/>, declared there once.</summary>
public abstract class Column(Table table, string name, bool onInsert)
{
    public Table Table { get; } = table;

    public string Name { get; } = name;

    /// <summary>False when inserts leave the column to the schema's default.</summary>
    public bool OnInsert { get; } = onInsert;

    /// <summary>What callers write into the column (before it becomes the stored value).</summary>
    public abstract Type ValueType { get; }

    public override string ToString() => $"{Table.Name}.{Name}";
}

/// <summary>A column that takes values of <typeparamref name="T"/>.</summary>
public sealed class Column<T>(Table table, string name, bool onInsert) : Column(table, name, onInsert)
{
    public override Type ValueType => typeof(T);

    /// <summary>This column holding <paramref name="value"/>, as the masters store it.</summary>
    public ColumnValue Set(T value) => new(this, Stored(value));

    private static object? Stored(T value) => value switch
    {
        null => null,
        int i => (long)i,
        bool b => b ? 1L : 0L,
        Enum e => e.ToString(),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => value,
    };
}

/// <summary>A column and the value a write puts there.</summary>
public readonly record struct ColumnValue(Column Column, object? Value);
