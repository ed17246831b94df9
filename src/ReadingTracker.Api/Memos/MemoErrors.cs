using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Memos;

public static class MemoErrors
{
    /// <summary>Unknown, deleted, or another user's memo: the same answer, so nothing leaks.</summary>
    public static ApiException NotFound() => CommonErrors.NotFound("MEMO_NOT_FOUND",
        "메모를 찾을 수 없습니다.", "No such memo.");

    public static ApiException UnknownTag(IEnumerable<string> codes)
    {
        var list = string.Join(", ", codes);
        return new ApiException(StatusCodes.Status400BadRequest, "UNKNOWN_TAG",
            new Text("알 수 없는 태그입니다.", "Unknown tag."),
            [new FieldText("tags", new Text($"알 수 없거나 사용하지 않는 태그입니다: {list}", $"Unknown or inactive tag: {list}"))]);
    }
}
