using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Account;

public static class UsersErrors
{
    /// <summary>400, not 401: the session is fine, only the password typed to confirm it is wrong.</summary>
    public static ApiException WrongCurrentPassword() => new(StatusCodes.Status400BadRequest, "WRONG_CURRENT_PASSWORD",
        new Text("현재 비밀번호가 올바르지 않습니다.", "The current password is wrong."));

    public static ApiException DeviceNotFound() => CommonErrors.NotFound("DEVICE_NOT_FOUND",
        "기기를 찾을 수 없습니다.", "No such device.");
}
