using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Tags;

public static class TagErrors
{
    /// <summary>Unknown, deleted, built in, or another user's: only the caller's own live tags can be changed.</summary>
    public static ApiException NotFound() => CommonErrors.NotFound("TAG_NOT_FOUND",
        "내 태그를 찾을 수 없습니다.", "No such tag of yours.");

    public static ApiException DuplicateName() => new(StatusCodes.Status409Conflict, "DUPLICATE_TAG_NAME",
        new Text("같은 분류에 같은 이름의 태그가 이미 있습니다.", "You already have a tag of this name in this category."),
        [new FieldText("name", new Text("이미 있는 태그 이름입니다.", "This name is taken."))]);

    public static ApiException LimitReached() => new(StatusCodes.Status409Conflict, "TAG_LIMIT_REACHED",
        new Text($"내 태그는 {TagLimits.MaxOwnTags}개까지 만들 수 있습니다.", $"You can have at most {TagLimits.MaxOwnTags} tags of your own."));
}
