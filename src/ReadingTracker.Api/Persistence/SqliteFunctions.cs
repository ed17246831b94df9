using System.Text;
using Microsoft.Data.Sqlite;

namespace ReadingTracker.Api.Persistence;

/// <summary>
/// Functions every SQLite connection of the server gets when it is made. MariaDB's own functions cover what these do
/// there; SQLite's <c>lower()</c> folds ASCII only.
/// </summary>
public static class SqliteFunctions
{
    /// <summary>
    /// <c>rt_search_text(text)</c>: the text in compatibility form (NFKC), lower-cased for any script — how memo search
    /// normalises the reader's query, so a memo's text can be compared with it in SQL (ADR-015).
    /// </summary>
    public const string SearchText = "rt_search_text";

    /// <summary>The normalisation <see cref="SearchText"/> applies, for the query side.</summary>
    public static string NormalizeForSearch(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    public static SqliteConnection AddTo(SqliteConnection connection)
    {
        connection.CreateFunction<string?, string?>(SearchText, text => text is null ? null : NormalizeForSearch(text), isDeterministic: true);
        return connection;
    }
}
