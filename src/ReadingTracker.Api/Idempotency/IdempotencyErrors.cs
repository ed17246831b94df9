using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Idempotency;

public static class IdempotencyErrors
{
    public static ApiException KeyReused() => new(StatusCodes.Status422UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED",
        new Text("같은 Idempotency-Key로 다른 요청을 보낼 수 없습니다.", "This Idempotency-Key was used for a different request."));

    public static ApiException InFlight() => new(StatusCodes.Status409Conflict, "IDEMPOTENCY_KEY_IN_USE",
        new Text("같은 요청이 아직 처리 중입니다. 잠시 후 다시 시도해주세요.", "A request with this Idempotency-Key is still being processed. Retry shortly."),
        retryAfterSeconds: 1);

    public static ApiException StoreUnavailable() => new(StatusCodes.Status503ServiceUnavailable, "IDEMPOTENCY_STORE_UNAVAILABLE",
        new Text("요청 중복 방지 저장소에 접근할 수 없습니다. 잠시 후 다시 시도해주세요.", "The idempotency key store is unavailable. Please retry shortly."));
}
