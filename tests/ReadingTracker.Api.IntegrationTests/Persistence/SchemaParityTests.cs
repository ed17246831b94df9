using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MySqlConnector;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.IntegrationTests.Persistence;

/// <summary>
/// The SQLite and MariaDB migration trees are written twice; this migrates a fresh database of each with the
/// server's own migrator and compares what came out: tables, columns (type as far as the engines' types map,
/// nullability, default), primary keys, indexes and unique keys by their columns, and foreign keys. Index and
/// constraint names are not compared — SQLite names unique constraints itself. Text on MariaDB must compare
/// bytewise (utf8mb4_bin) as SQLite's does, or a unique login id would mean something else there; the MariaDB
/// database is made with a case-insensitive default so that a table that does not say so is caught.
/// It needs both providers, so it runs in the MariaDB run of the integration tier (scripts/test.sh leaves it
/// out of the SQLite run by its category).
/// </summary>
[Trait("Category", "BothProviders")]
public sealed class SchemaParityTests
{
    /// <summary>
    /// MariaDB's column type (display widths dropped) → the type the SQLite migration declares for it.
    /// SQLite has one 64-bit INTEGER for ids, instants and booleans, and no length limits, but the
    /// migrations still declare VARCHAR(n) and CHAR(n) as MariaDB does, so those must agree on n too.
    /// </summary>
    private static readonly Dictionary<string, string[]> TypeMap = new(StringComparer.Ordinal)
    {
        ["bigint"] = ["INTEGER", "BIGINT"], // ids and UTC milliseconds (schema_migrations spells it BIGINT on both)
        ["tinyint(1)"] = ["INTEGER"],       // booleans, 0 or 1
        ["int"] = ["INT"],                  // pages, counts, ratings, versions, status codes
        ["text"] = ["TEXT"],
    };

    /// <summary>Columns whose types differ on purpose: "table.column" → why.</summary>
    private static readonly Dictionary<string, string> TypeExceptions = new(StringComparer.Ordinal)
    {
        ["idempotency_keys.body"] = "MEDIUMTEXT on MariaDB: a stored response may pass TEXT's 64 KB; SQLite's TEXT has no such bound.",
        ["schema_migrations.name"] = "The migrator's own ledger, created by SchemaMigrator in the database's default collation; it is read by version only.",
        ["memo_search.grams"] = "MEDIUMTEXT on MariaDB: the tokens of a 5,000-character memo pass TEXT's 64 KB (ADR-015).",
    };

    /// <summary>
    /// Indexes that exist on one provider only, by design: "table(columns)" → why. The three that
    /// MariaDB made by itself for foreign keys are declared on both since migration 0012; the search index (0018) differs. The outbox
    /// (write_outbox) is used on Primary only but created on both, like every table.
    /// </summary>
    private static readonly Dictionary<string, string> OneProviderIndexes = new(StringComparer.Ordinal)
    {
        ["memo_search(grams)"] = "MariaDB's FULLTEXT index over the search tokens; SQLite indexes them in the FTS5 table memo_search_fts (ADR-015).",
    };

    /// <summary>Tables that exist on one provider only, by design: name → why. SQLite's FTS5 search tables and their shadow tables.</summary>
    private static readonly Dictionary<string, string> OneProviderTables = new(StringComparer.Ordinal)
    {
        ["memo_search_fts"] = "SQLite's FTS5 index over memo_search.grams, kept by triggers (ADR-015); MariaDB has a FULLTEXT index instead.",
        ["memo_search_fts_data"] = "SQLite's FTS5 index over memo_search.grams, kept by triggers (ADR-015); MariaDB has a FULLTEXT index instead.",
        ["memo_search_fts_idx"] = "SQLite's FTS5 index over memo_search.grams, kept by triggers (ADR-015); MariaDB has a FULLTEXT index instead.",
        ["memo_search_fts_docsize"] = "SQLite's FTS5 index over memo_search.grams, kept by triggers (ADR-015); MariaDB has a FULLTEXT index instead.",
        ["memo_search_fts_config"] = "SQLite's FTS5 index over memo_search.grams, kept by triggers (ADR-015); MariaDB has a FULLTEXT index instead.",
    };

    [Fact]
    public async Task FreshSqliteAndMariaDbDatabases_HaveTheSameSchema_AfterTheMigrations()
    {
        var directory = Directory.CreateTempSubdirectory("rt-schema-");
        var sqlite = $"Data Source={Path.Combine(directory.FullName, "schema.db")};Pooling=False";
        var (server, database) = (MariaDbServer(), "rt_schema_" + Guid.NewGuid().ToString("N")[..12]);
        var mariaDb = new MySqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        await ExecuteAsync(server, $"CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        try
        {
            await MigrateAsync(new MasterDatabase(MasterRole.Primary, new SqliteDialect(), () => new SqliteConnection(sqlite)));
            await MigrateAsync(new MasterDatabase(MasterRole.Primary, new MySqlDialect(), () => new MySqlConnection(mariaDb)));

            var (sqliteSchema, mariaDbSchema) = (await ReadSqliteAsync(sqlite), await ReadMariaDbAsync(mariaDb));
            var differences = Compare(sqliteSchema, mariaDbSchema);

            foreach (var schema in new[] { sqliteSchema, mariaDbSchema })
            {
                // Each reader sees every kind of thing it compares, so "no difference" is not two empty readings.
                Assert.Equal(2, schema["memo"].ForeignKeys.Count);
                Assert.Contains("unique (user_id, client_id)", schema["memo"].Indexes);
                Assert.Equal("id", schema["memo"].PrimaryKey);
                Assert.Equal("'USER'", schema["users"].Columns["role"].Default);
            }

            Assert.True(differences.Count == 0, "The providers' schemas differ:\n" + string.Join("\n", differences));
        }
        finally
        {
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS `{database}`");
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// MariaDB commits each DDL statement on its own, so a start killed in the middle of a migration leaves it half
    /// done and unrecorded; the next start runs the file again. Migrations from 0013 on are written for that (IF NOT
    /// EXISTS on every statement). Here 0014 is left half done (its last three indexes undone, 0013 and 0014 not
    /// recorded) and a new migrator must finish it to the same schema as a fresh database.
    /// </summary>
    [Fact]
    public async Task MariaDbMigrationsFrom0013_RunAgainAfterAStartThatDiedHalfWay()
    {
        var server = MariaDbServer();
        var (fresh, broken) = ("rt_schema_" + Guid.NewGuid().ToString("N")[..12], "rt_schema_" + Guid.NewGuid().ToString("N")[..12]);
        string Of(string database) => new MySqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        try
        {
            foreach (var database in new[] { fresh, broken })
            {
                await ExecuteAsync(server, $"CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                await MigrateAsync(new MasterDatabase(MasterRole.Primary, new MySqlDialect(), () => new MySqlConnection(Of(database))));
            }

            await ExecuteAsync(Of(broken), """
                DROP INDEX ix_user_books_added ON user_books;
                DROP INDEX ix_user_books_started ON user_books;
                DROP INDEX ix_user_books_finished ON user_books;
                DELETE FROM schema_migrations WHERE version >= 13;
                """);
            Assert.NotEqual(Describe(await ReadMariaDbAsync(Of(fresh))), Describe(await ReadMariaDbAsync(Of(broken))));

            await MigrateAsync(new MasterDatabase(MasterRole.Primary, new MySqlDialect(), () => new MySqlConnection(Of(broken))));

            Assert.Equal(Describe(await ReadMariaDbAsync(Of(fresh))), Describe(await ReadMariaDbAsync(Of(broken))));
            await using var connection = new MySqlConnection(Of(broken));
            var recorded = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations WHERE version >= 13 ORDER BY version")).ToArray();
            Assert.Equal(SchemaMigrator.LoadMigrations(DatabaseProvider.MySql).Select(m => m.Version).Where(v => v >= 13), recorded);
        }
        finally
        {
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS `{fresh}`; DROP DATABASE IF EXISTS `{broken}`");
        }
    }

    [Fact]
    public void TheComparison_FindsEachKindOfDifference()
    {
        Table Users(Action<Table> change)
        {
            var table = new Table();
            table.Columns["id"] = new Column("INTEGER", Nullable: false, Default: null);
            table.Columns["login_id"] = new Column("VARCHAR(50)", Nullable: false, Default: null);
            table.PrimaryKey = "id";
            table.Indexes.Add("unique (login_id)");
            table.ForeignKeys.Add("(team_id) → teams(id)");
            change(table);
            return table;
        }

        var sqlite = new Dictionary<string, Table>(StringComparer.Ordinal) { ["users"] = Users(_ => { }), ["only_here"] = new() };
        var mariaDb = new Dictionary<string, Table>(StringComparer.Ordinal)
        {
            ["users"] = Users(t =>
            {
                t.Columns["id"] = new Column("BIGINT", Nullable: false, Default: null);
                t.Columns["login_id"] = new Column("VARCHAR(60)", Nullable: true, Default: "''");
                t.Columns["extra"] = new Column("INT", Nullable: false, Default: null);
                t.Indexes.Clear();
                t.Indexes.Add("(login_id)");
                t.ForeignKeys.Clear();
            }),
        };

        var differences = Compare(sqlite, mariaDb);

        Assert.Equal(
            [
                "only_here: table on SQLite only",
                "users.extra: column on MariaDB only",
                "users.login_id: SQLite VARCHAR(50) NOT NULL default (none), MariaDB VARCHAR(60) NULL default ''",
                "users: index unique (login_id) on SQLite only",
                "users: index (login_id) on MariaDB only",
                "users: foreign key (team_id) → teams(id) on SQLite only",
            ],
            differences);
    }

    private static string MariaDbServer() =>
        Environment.GetEnvironmentVariable("RT_MYSQL_PRIMARY") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("The schema comparison needs RT_MYSQL_PRIMARY (started by scripts/test.sh); run it with RT_TEST_PROVIDER=MySql.");

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.ExecuteAsync(sql);
    }

    private static Task MigrateAsync(MasterDatabase master) =>
        new SchemaMigrator(new Leases(Options.Create(new DatabaseOptions()), TimeProvider.System, NullLogger<Leases>.Instance), NullLogger<SchemaMigrator>.Instance,
            TimeProvider.System).EnsureMigratedAsync(master, CancellationToken.None);

    /// <summary>Every difference, one line each; a difference named in the lists above is not one.</summary>
    private static List<string> Compare(IReadOnlyDictionary<string, Table> sqlite, IReadOnlyDictionary<string, Table> mariaDb)
    {
        var differences = new List<string>();
        foreach (var name in sqlite.Keys.Union(mariaDb.Keys).Order(StringComparer.Ordinal))
        {
            if (!sqlite.TryGetValue(name, out var s) || !mariaDb.TryGetValue(name, out var m))
            {
                if (!OneProviderTables.ContainsKey(name))
                {
                    differences.Add($"{name}: table on {(s is null ? "MariaDB" : "SQLite")} only");
                }

                continue;
            }

            foreach (var column in s.Columns.Keys.Union(m.Columns.Keys).Order(StringComparer.Ordinal))
            {
                if (!s.Columns.TryGetValue(column, out var sc) || !m.Columns.TryGetValue(column, out var mc))
                {
                    differences.Add($"{name}.{column}: column on {(sc is null ? "MariaDB" : "SQLite")} only");
                }
                else if (!SameColumn($"{name}.{column}", sc, mc))
                {
                    differences.Add($"{name}.{column}: SQLite {sc}, MariaDB {mc}");
                }
            }

            if (s.PrimaryKey != m.PrimaryKey)
            {
                differences.Add($"{name}: primary key ({s.PrimaryKey}) on SQLite, ({m.PrimaryKey}) on MariaDB");
            }

            differences.AddRange(OneSided(name, "index", s.Indexes, m.Indexes, index => OneProviderIndexes.ContainsKey($"{name}{index.Replace("unique ", "", StringComparison.Ordinal)}")));
            differences.AddRange(OneSided(name, "foreign key", s.ForeignKeys, m.ForeignKeys, _ => false));
        }

        return differences;
    }

    private static IEnumerable<string> OneSided(string table, string what, SortedSet<string> sqlite, SortedSet<string> mariaDb, Func<string, bool> byDesign) =>
        sqlite.Except(mariaDb).Where(i => !byDesign(i)).Select(i => $"{table}: {what} {i} on SQLite only")
            .Concat(mariaDb.Except(sqlite).Where(i => !byDesign(i)).Select(i => $"{table}: {what} {i} on MariaDB only"));

    private static bool SameColumn(string name, Column sqlite, Column mariaDb) =>
        sqlite.Nullable == mariaDb.Nullable
        && sqlite.Default == mariaDb.Default
        && (TypeExceptions.ContainsKey(name) || SameType(sqlite.Type, mariaDb.Type));

    private static bool SameType(string sqlite, string mariaDb) =>
        TypeMap.TryGetValue(mariaDb.ToLowerInvariant(), out var mapped)
            ? mapped.Contains(sqlite, StringComparer.Ordinal)
            : string.Equals(sqlite, mariaDb, StringComparison.OrdinalIgnoreCase); // VARCHAR(n), CHAR(n)

    private static async Task<Dictionary<string, Table>> ReadSqliteAsync(string connectionString)
    {
        var tables = new Dictionary<string, Table>(StringComparer.Ordinal);
        await using var connection = new SqliteConnection(connectionString);
        var names = await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'");
        foreach (var name in names)
        {
            var table = tables[name] = new Table();
            var columns = (await connection.QueryAsync<(long Cid, string Name, string Type, long NotNull, string? Default, long Pk)>($"PRAGMA table_info({name})")).ToList();
            foreach (var c in columns)
            {
                table.Columns[c.Name] = new Column(c.Type.ToUpperInvariant(), c.NotNull == 0, c.Default);
            }

            table.PrimaryKey = string.Join(", ", columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name));
            foreach (var index in await connection.QueryAsync<(long Seq, string Name, long Unique, string Origin, long Partial)>($"PRAGMA index_list({name})"))
            {
                if (index.Origin == "pk")
                {
                    continue; // the primary key, compared above
                }

                var keyColumns = (await connection.QueryAsync<(long SeqNo, long Cid, string Name)>($"PRAGMA index_info({index.Name})")).OrderBy(c => c.SeqNo).Select(c => c.Name);
                table.Indexes.Add(Index(index.Unique == 1, keyColumns));
            }

            foreach (var key in (await connection.QueryAsync<(long Id, long Seq, string Table, string From, string To)>($"SELECT id, seq, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('{name}')")).GroupBy(k => k.Id))
            {
                table.ForeignKeys.Add(ForeignKey(key.OrderBy(k => k.Seq).Select(k => (k.From, k.Table, k.To))));
            }
        }

        return tables;
    }

    private static async Task<Dictionary<string, Table>> ReadMariaDbAsync(string connectionString)
    {
        var tables = new Dictionary<string, Table>(StringComparer.Ordinal);
        await using var connection = new MySqlConnection(connectionString);
        foreach (var name in await connection.QueryAsync<string>("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'"))
        {
            tables[name] = new Table();
        }

        var columns = await connection.QueryAsync<(string Table, string Name, string Type, string Nullable, string? Default, string? Collation)>(
            "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()");
        foreach (var c in columns)
        {
            // A text column that does not compare bytewise shows its collation, which no SQLite type maps to.
            var type = WithoutDisplayWidth(c.Type).ToUpperInvariant() + (c.Collation is null or "utf8mb4_bin" ? "" : " COLLATE " + c.Collation);

            // MariaDB reports "NULL" as the default of a nullable column without one; SQLite reports nothing.
            tables[c.Table].Columns[c.Name] = new Column(type, c.Nullable == "YES", c.Default == "NULL" ? null : c.Default);
        }

        var indexColumns = await connection.QueryAsync<(string Table, string Name, long NonUnique, long Seq, string Column)>(
            "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()");
        foreach (var index in indexColumns.GroupBy(i => (i.Table, i.Name)))
        {
            var ordered = index.OrderBy(i => i.Seq).Select(i => i.Column).ToList();
            if (index.Key.Name == "PRIMARY")
            {
                tables[index.Key.Table].PrimaryKey = string.Join(", ", ordered);
            }
            else
            {
                tables[index.Key.Table].Indexes.Add(Index(index.First().NonUnique == 0, ordered));
            }
        }

        var keyColumns = await connection.QueryAsync<(string Table, string Name, long Position, string Column, string RefTable, string RefColumn)>(
            "SELECT TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION, COLUMN_NAME, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME " +
            "FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL");
        foreach (var key in keyColumns.GroupBy(k => (k.Table, k.Name)))
        {
            tables[key.Key.Table].ForeignKeys.Add(ForeignKey(key.OrderBy(k => k.Position).Select(k => (k.Column, k.RefTable, k.RefColumn))));
        }

        return tables;
    }

    // int(11) and bigint(20) are display widths, not types; tinyint(1) is how MariaDB spells a boolean, so it stays.
    private static string WithoutDisplayWidth(string type) =>
        System.Text.RegularExpressions.Regex.Replace(type, @"^(bigint|int|smallint|mediumint)\(\d+\)", "$1", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    private static string Index(bool unique, IEnumerable<string> columns) => $"{(unique ? "unique " : "")}({string.Join(", ", columns)})";

    private static string ForeignKey(IEnumerable<(string From, string Table, string To)> columns)
    {
        var list = columns.ToList();
        return $"({string.Join(", ", list.Select(c => c.From))}) → {list[0].Table}({string.Join(", ", list.Select(c => c.To))})";
    }

    /// <summary>One schema as text, table by table, to compare two readings of the same provider.</summary>
    private static string Describe(Dictionary<string, Table> schema) => string.Join("\n", schema.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t =>
        $"{t.Key}: {string.Join(", ", t.Value.Columns.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))}; pk {t.Value.PrimaryKey}; " +
        $"{string.Join(", ", t.Value.Indexes)}; {string.Join(", ", t.Value.ForeignKeys)}"));

    private sealed record Column(string Type, bool Nullable, string? Default)
    {
        public override string ToString() => $"{Type} {(Nullable ? "NULL" : "NOT NULL")} default {Default ?? "(none)"}";
    }

    private sealed class Table
    {
        public Dictionary<string, Column> Columns { get; } = new(StringComparer.Ordinal);

        public string PrimaryKey { get; set; } = "";

        public SortedSet<string> Indexes { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> ForeignKeys { get; } = new(StringComparer.Ordinal);
    }
}
