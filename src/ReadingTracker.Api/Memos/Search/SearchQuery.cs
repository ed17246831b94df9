namespace ReadingTracker.Api.Memos.Search;

/// <summary>
/// A search as the stores run it: the words (normalised, distinct; a memo's text must contain every one) and the whole
/// query as one phrase (a book title or own tag name that contains it also finds the memo). Punctuation around a word
/// (quotes, brackets, + - *) is dropped and words without a letter or digit are left out: a reader who types a search
/// engine's operators gets their words searched literally, and the engines are never given query syntax.
/// </summary>
public sealed record SearchQuery(IReadOnlyList<string> Words, string Phrase)
{
    public const int MaxLength = 200;

    public const int MaxWords = 10;

    public static SearchQuery Parse(string q)
    {
        var phrase = SearchGrams.Normalize(q.Trim());
        var words = phrase.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(TrimPunctuation)
            .Where(w => SearchGrams.ForQueryWord(w).Count > 0).Distinct(StringComparer.Ordinal).ToList();
        return new SearchQuery(words, phrase);
    }

    private static string TrimPunctuation(string word)
    {
        var runes = word.EnumerateRunes().ToList();
        var start = runes.FindIndex(System.Text.Rune.IsLetterOrDigit);
        var end = runes.FindLastIndex(System.Text.Rune.IsLetterOrDigit);
        return start < 0 ? "" : string.Concat(runes.Skip(start).Take(end - start + 1));
    }

    /// <summary>How many characters a word has as the engines count them (code points).</summary>
    public static int Length(string word) => word.EnumerateRunes().Count();
}
