using System.Globalization;
using System.Text;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Memos.Search;

/// <summary>
/// The server's own tokenizer for memo search (ADR-015). Text is normalised (NFKC, lower case); every run of letters
/// and digits gives a token per character and a token per adjacent pair, each written as short ASCII ("u" or "b" and
/// fixed-width hex code points), so any full-text engine that splits on spaces indexes them, whatever the script.
/// A query word of one or two characters is then one token; a longer one is all its pairs, which find every memo that
/// contains the word (and some that contain its pairs apart, which the search checks afterwards).
/// </summary>
public static class SearchGrams
{
    /// <summary>The text the engines compare: NFKC-normalised and lower-cased, so full-width and case variants meet.</summary>
    public static string Normalize(string text) => SqliteFunctions.NormalizeForSearch(text);

    /// <summary>The distinct tokens of a memo's text, space-separated, in first-seen order.</summary>
    public static string Of(string text)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var tokens = new StringBuilder();
        foreach (var run in Runs(Normalize(text)))
        {
            foreach (var token in TokensOf(run))
            {
                if (seen.Add(token))
                {
                    tokens.Append(tokens.Length == 0 ? "" : " ").Append(token);
                }
            }
        }

        return tokens.ToString();
    }

    /// <summary>The tokens a memo must hold to contain <paramref name="word"/> (normalised): empty when it has no letter or digit.</summary>
    public static IReadOnlyList<string> ForQueryWord(string word)
    {
        var tokens = new List<string>();
        foreach (var run in Runs(word))
        {
            tokens.AddRange(run.Count == 1 ? [Unigram(run[0])] : Enumerable.Range(0, run.Count - 1).Select(i => Bigram(run[i], run[i + 1])));
        }

        return [.. tokens.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>True when the word's tokens say exactly whether a memo contains it (one run of one or two characters).</summary>
    public static bool TokensAreExact(string word)
    {
        var runs = Runs(word).ToList();
        return runs.Count == 1 && runs[0].Count <= 2 && runs[0].Count == word.EnumerateRunes().Count();
    }

    private static IEnumerable<string> TokensOf(List<Rune> run)
    {
        for (var i = 0; i < run.Count; i++)
        {
            yield return Unigram(run[i]);
            if (i + 1 < run.Count)
            {
                yield return Bigram(run[i], run[i + 1]);
            }
        }
    }

    private static IEnumerable<List<Rune>> Runs(string text)
    {
        var run = new List<Rune>();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                run.Add(rune);
            }
            else if (run.Count > 0)
            {
                yield return run;
                run = [];
            }
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    // Code points above U+FFFFF (the last private-use plane) share one code: five hex digits keep tokens short.
    private static string Hex(Rune rune) => Math.Min(rune.Value, 0xFFFFF).ToString("x5", CultureInfo.InvariantCulture);

    private static string Unigram(Rune rune) => "u" + Hex(rune);

    private static string Bigram(Rune first, Rune second) => "b" + Hex(first) + Hex(second);
}
