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

    public static ApiException InvalidRefreshToken() => new(StatusCodes.Status401Unauthorized, "INVALID_REFRESH_TOKEN",
        new Text("유효하지 않은 리프레시 토큰입니다. 다시 로그인해주세요.", "The refresh token is not valid. Please log in again."));

    public static ApiException RefreshTokenExpired() => new(StatusCodes.Status401Unauthorized, "REFRESH_TOKEN_EXPIRED",
        new Text("리프레시 토큰이 만료되었습니다. 다시 로그인해주세요.", "The refresh token has expired. Please log in again."));

    public static ApiException RefreshTokenReused() => new(StatusCodes.Status401Unauthorized, "REFRESH_TOKEN_REUSED",
        new Text("토큰 탈취가 감지되었습니다. 모든 세션이 종료되었습니다. 다시 로그인해주세요.", "A reused refresh token was detected; this device's sessions were ended. Please log in again."));

    public static ApiException DeviceRevoked() => new(StatusCodes.Status401Unauthorized, "DEVICE_REVOKED",
        new Text("이 기기에서 로그아웃되었습니다. 다시 로그인해주세요.", "This device was logged out. Please log in again."));

    public static ApiException SessionEnded() => new(StatusCodes.Status401Unauthorized, "SESSION_ENDED",
        new Text("세션이 종료되었습니다. 다시 로그인해주세요.", "This session has ended. Please log in again."));

    public static ApiException AccountNotFound() => new(StatusCodes.Status404NotFound, "ACCOUNT_NOT_FOUND",
        new Text("존재하지 않는 계정입니다.", "No account matches these details."));

    public static ApiException InvalidResetToken() => new(StatusCodes.Status400BadRequest, "INVALID_RESET_TOKEN",
        new Text("유효하지 않거나 만료된 토큰입니다.", "The reset token is invalid, used or expired."));

    public static ApiException SamePassword() => new(StatusCodes.Status400BadRequest, "SAME_PASSWORD",
        new Text("기존 비밀번호와 동일합니다.", "The new password is the same as the current one."));
}
