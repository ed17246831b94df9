using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Books;

public static class BookErrors
{
    public const int RetryAfterSeconds = 10;

    public static ApiException InvalidIsbn() => new(StatusCodes.Status400BadRequest, "INVALID_ISBN",
        new Text("ISBN은 10자리 또는 13자리 숫자여야 합니다.", "An ISBN has 10 or 13 digits (an ISBN-10 may end in X)."));

    public static ApiException BookNotFound() => CommonErrors.NotFound("BOOK_NOT_FOUND",
        "책을 찾을 수 없습니다.", "No book with this ISBN was found.");

    /// <summary>The provider answered, but with an error status or something we cannot read.</summary>
    public static ApiException ProviderError() => new(StatusCodes.Status502BadGateway, "BOOK_PROVIDER_ERROR",
        new Text("도서 검색 서비스가 올바르지 않은 응답을 보냈습니다.", "The book search service sent an invalid answer."));

    /// <summary>The provider could not be reached in time; a retry later may succeed.</summary>
    public static ApiException ProviderUnavailable() => new(StatusCodes.Status503ServiceUnavailable, "BOOK_PROVIDER_UNAVAILABLE",
        new Text("도서 검색 서비스에 일시적으로 연결할 수 없습니다. 잠시 후 다시 시도해주세요.", "The book search service is temporarily unreachable. Please retry shortly."),
        retryAfterSeconds: RetryAfterSeconds);
}
