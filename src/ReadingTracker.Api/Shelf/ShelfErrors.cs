using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Shelf;

public static class ShelfErrors
{
    public static ApiException DuplicateBook() => new(StatusCodes.Status409Conflict, "DUPLICATE_BOOK",
        new Text("이미 내 서재에 추가된 책입니다.", "This book is already on your shelf."));

    public static ApiException EntryNotFound() => CommonErrors.NotFound("SHELF_BOOK_NOT_FOUND",
        "내 서재에서 책을 찾을 수 없습니다.", "No such book on your shelf.");

    /// <summary>Start/finish reading asked of an entry in a state they do not start from.</summary>
    public static ApiException InvalidTransition(BookCategory from, BookCategory to) => new(StatusCodes.Status409Conflict,
        "INVALID_CATEGORY_TRANSITION",
        new Text($"현재 읽기 상태({from})에서는 {to}(으)로 바꿀 수 없습니다.", $"A book in {from} cannot move to {to} this way."));
}
