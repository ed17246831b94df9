namespace ReadingTracker.Api.Memos.Search;

/// <summary>
/// A short piece of a memo around the first place a query word occurs, and where the words occur in it. The snippet is
/// plain text and the marks are offsets: the client draws the text as text and wraps the marked spans itself, so a memo
/// holding markup can never become markup (docs/contract.md, memo search).
/// </summary>
public sealed record SearchSnippet(string Text, IReadOnlyList<int[]> Highlights)
{
    public const int Before = 40;

    public const int Length = 160;

    private const string Ellipsis = "…";

    public static SearchSnippet Of(string content, IReadOnlyList<string> words)
    {
        // ToLowerInvariant maps char by char, so offsets in the lowered text are offsets in the memo.
        var lowered = content.ToLowerInvariant();
        var first = words.Select(w => lowered.IndexOf(w, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(0).Min();
        var start = Math.Max(0, first - Before);
        var end = Math.Min(content.Length, start + Length);
        start = Math.Max(0, Math.Min(start, end - Length));
        (start, end) = (Safe(content, start), Safe(content, end));
        var prefix = start > 0 ? Ellipsis : "";
        var text = prefix + content[start..end] + (end < content.Length ? Ellipsis : "");
        return new SearchSnippet(text, Marks(lowered[start..end], words, prefix.Length));
    }

    /// <summary>Every occurrence of every word in the window, merged where they overlap, as [start, end) offsets in the snippet.</summary>
    private static List<int[]> Marks(string window, IReadOnlyList<string> words, int shift)
    {
        var spans = new List<(int Start, int End)>();
        foreach (var word in words.Where(w => w.Length > 0))
        {
            for (var at = window.IndexOf(word, StringComparison.Ordinal); at >= 0; at = window.IndexOf(word, at + word.Length, StringComparison.Ordinal))
            {
                spans.Add((at, at + word.Length));
            }
        }

        var merged = new List<int[]>();
        foreach (var (s, e) in spans.OrderBy(s => s.Start))
        {
            if (merged.Count > 0 && s <= merged[^1][1] - shift)
            {
                merged[^1][1] = Math.Max(merged[^1][1], e + shift);
            }
            else
            {
                merged.Add([s + shift, e + shift]);
            }
        }

        return merged;
    }

    // A cut never splits a surrogate pair: it moves back onto the pair's first half.
    private static int Safe(string text, int at) => at > 0 && at < text.Length && char.IsLowSurrogate(text[at]) ? at - 1 : at;
}
