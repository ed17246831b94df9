using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Auth;

public static class AuthErrors
{
    public static ApiException DuplicateLoginId() => new(StatusCodes.Status409Conflict, "DUPLICATE_LOGIN_ID",
        new Text("이미 사용 중인 로그인 ID입니다.", "This login id is already taken."));

    public static ApiException DuplicateEmail() => new(StatusCodes.Status409Conflict, "DUPLICATE_EMAIL",
        new Text("이미 사용 중인 이메일입니다.", "This email is already registered."));

    public static ApiException UserNotFound() => new(StatusCodes.Status401Unauthorized, "USER_NOT_FOUND",
        new Text("사용자를 찾을 수 없습니다.", "No user with this login id."));

    public static ApiException InvalidPassword(int remaining) => new(StatusCodes.Status401Unauthorized, "INVALID_PASSWORD",
        new Text($"비밀번호가 올바르지 않습니다. (남은 시도 {remaining}회)", $"Wrong password ({remaining} attempts left)."));

    public static ApiException AccountLocked(int minutes) => new(StatusCodes.Status403Forbidden, "ACCOUNT_LOCKED",
        new Text($"계정이 잠겨있습니다. {minutes}분 후 다시 시도해주세요.", $"The account is locked. Try again in {minutes} minutes."));

    public static ApiException AccountDeleted() => new(StatusCodes.Status403Forbidden, "ACCOUNT_DELETED",
        new Text("삭제된 계정입니다.", "This account was deleted."));
}
