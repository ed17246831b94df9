using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Shelf;

public static class ShelfErrors
{
    public static ApiException DuplicateBook() => new(StatusCodes.Status409Conflict, "DUPLICATE_BOOK",
        new Text("이미 내 서재에 추가된 책입니다.", "This book is already on your shelf."));

    public static ApiException EntryNotFound() => CommonErrors.NotFound("SHELF_BOOK_NOT_FOUND",
        "내 서재에서 책을 찾을 수 없습니다.", "No such book on your shelf.");
}
