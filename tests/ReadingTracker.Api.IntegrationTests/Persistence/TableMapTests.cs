using System.Reflection;
using Dapper;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.IntegrationTests.Persistence;

/// <summary>
/// The column maps of every table the application writes (each table's typed writes, e.g. <c>MemoTable</c>) against
/// the schema the masters really have after migration, on the provider under test: a misspelt or dropped column, an
/// insert that leaves out a column the schema cannot fill, or a value of the wrong kind fails here instead of as a
/// runtime SQL error on the first write that uses it.
/// </summary>
public sealed class TableMapTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>
    /// Seeded by the migrations with fixed ids and never written by the application. None since migration 0014: tags
    /// holds the readers' own tags beside the seeded ones, written through TagsTable.
    /// </summary>
    private static readonly string[] ReadOnlyTables = [];

    private static readonly IReadOnlyList<Table> Tables = [.. StaticFields(typeof(Table)).Select(f => (Table)f.GetValue(null)!)];

    [Fact]
    public void EveryMasterTable_HasOneMap_ButTheSeededOnes()
    {
        Assert.Equal(Tables.Count, Tables.Select(t => t.Name).Distinct().Count());
        Assert.Equal(MasterTables.All.Except(ReadOnlyTables).Order(), Tables.Select(t => t.Name).Order());
    }

    [Fact]
    public async Task EveryMappedColumn_IsInItsTable_OnBothMasters_WithAKindAndNullabilityThatFit()
    {
        var nullable = DeclaredNullability();
        foreach (var master in new[] { app.Primary, app.Secondary })
        {
            var problems = new List<string>();
            foreach (var table in Tables)
            {
                var schema = await SchemaAsync(master, table.Name);
                foreach (var column in table.Columns)
                {
                    if (!schema.TryGetValue(column.Name, out var stored))
                    {
                        problems.Add($"{column}: no such column");
                        continue;
                    }

                    if (KindOf(column.ValueType) != KindOf(stored.Type))
                    {
                        problems.Add($"{column}: {KindOf(column.ValueType)} written into {stored.Type}");
                    }

                    if (!nullable.TryGetValue(column, out var mayBeNull))
                    {
                        problems.Add($"{column}: not declared in a static field of its table's class");
                    }
                    else if (mayBeNull == stored.NotNull)
                    {
                        problems.Add($"{column}: declared {(mayBeNull ? "nullable" : "not null")}, stored {(stored.NotNull ? "NOT NULL" : "NULL")}");
                    }
                }
            }

            var name = master == app.Primary ? "Primary" : "Secondary";
            Assert.True(problems.Count == 0, $"{TestDatabases.Provider} {name}:\n" + string.Join("\n", problems));
        }
    }

    [Fact]
    public async Task EveryInsert_WritesEveryNotNullColumnWithoutADefault()
    {
        var problems = new List<string>();
        foreach (var table in Tables)
        {
            var inserted = table.InsertColumns.Select(c => c.Name).ToHashSet();
            problems.AddRange((await SchemaAsync(app.Primary, table.Name))
                .Where(c => c.Value is { NotNull: true, HasDefault: false } && !inserted.Contains(c.Key))
                .Select(c => $"{table.Name}.{c.Key}: NOT NULL without a default, left out of inserts"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private sealed record StoredColumn(string Type, bool NotNull, bool HasDefault);

    private async Task<Dictionary<string, StoredColumn>> SchemaAsync(string master, string table)
    {
        _ = app.Services; // The server migrates both masters as it starts.
        var sql = TestDatabases.IsMySql
            ? "SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, CAST(IS_NULLABLE = 'NO' AS SIGNED) AS not_null, " +
              "CAST(COLUMN_DEFAULT IS NOT NULL AS SIGNED) AS has_default " +
              "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table"
            : "SELECT name, type, \"notnull\" AS not_null, dflt_value IS NOT NULL AS has_default FROM pragma_table_info(@table)";
        await using var connection = MasterSql.Open(master);
        var rows = await connection.QueryAsync<(string Name, string Type, long NotNull, long HasDefault)>(sql, new { table });
        return rows.ToDictionary(r => r.Name, r => new StoredColumn(r.Type, r.NotNull != 0, r.HasDefault != 0), StringComparer.Ordinal);
    }

    /// <summary>Numbers (integers, flags as 0/1) or text (strings, enums by name, dates as yyyy-MM-dd).</summary>
    private static string KindOf(Type written)
    {
        var type = Nullable.GetUnderlyingType(written) ?? written;
        return type == typeof(long) || type == typeof(int) || type == typeof(bool) ? "integer"
            : type == typeof(string) || type == typeof(DateOnly) || type.IsEnum ? "text"
            : type.Name;
    }

    private static string KindOf(string stored) => stored.ToUpperInvariant() switch
    {
        var t when t.Contains("INT", StringComparison.Ordinal) => "integer",
        var t when t.Contains("CHAR", StringComparison.Ordinal) || t.Contains("TEXT", StringComparison.Ordinal) => "text",
        var t => t,
    };

    /// <summary>
    /// Whether each column may be written NULL, read from the declaration of its field (<c>Column&lt;long?&gt;</c>,
    /// <c>Column&lt;string?&gt;</c>); a table's id, which the table declares itself, never is.
    /// </summary>
    private static Dictionary<Column, bool> DeclaredNullability()
    {
        var context = new NullabilityInfoContext();
        var nullable = StaticFields(typeof(Column<>)).ToDictionary(
            f => (Column)f.GetValue(null)!,
            f => Nullable.GetUnderlyingType(f.FieldType.GetGenericArguments()[0]) is not null
                || context.Create(f).GenericTypeArguments[0].ReadState == NullabilityState.Nullable);
        foreach (var table in Tables)
        {
            nullable[table.Id] = false;
        }

        return nullable;
    }

    private static IEnumerable<FieldInfo> StaticFields(Type type) => typeof(Program).Assembly.GetTypes()
        .Where(t => !t.ContainsGenericParameters)
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Where(f => f.FieldType == type || (type.IsGenericTypeDefinition && f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == type));
}
