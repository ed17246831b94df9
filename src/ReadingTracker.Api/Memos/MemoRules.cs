using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Memos;

/// <summary>The field rules shared by memo create and update (docs/contract.md §5.1).</summary>
public static class MemoRules
{
    public const int MaxContentLength = 5000;
    public const int MaxPageNumber = 100_000;

    /// <summary>Not blank, at most 5000 characters; an omitted (null) content is an error only when required.</summary>
    public static Validator Content(this Validator v, string? content, bool required) =>
        content is null && !required ? v : v.Required(content, "content").MaxLength(content, MaxContentLength, "content");

    public static Validator PageNumber(this Validator v, int? page) => v.Range(page, 1, MaxPageNumber, "pageNumber");

    /// <summary>
    /// When the reading happened: not before 1900, and not more than a day ahead of now, which leaves room for a
    /// device whose clock runs fast but refuses a year typed wrong (and instants the masters cannot order).
    /// </summary>
    public static long? MemoStartTime(this Validator v, string? value, TimeZoneInfo zone, TimeProvider time) =>
        v.DateTime(value, zone, "memoStartTime", time.GetUtcNow().AddDays(1));

    /// <summary>A client id is a UUID, stored in one canonical spelling so retries match whatever the format.</summary>
    public static string? ClientId(this Validator v, string? clientId)
    {
        if (clientId is null)
        {
            return null;
        }

        if (Guid.TryParse(clientId, out var guid))
        {
            return guid.ToString("D");
        }

        v.Add("clientId", "clientId는 UUID 형식이어야 합니다.", "clientId must be a UUID.");
        return null;
    }
}
