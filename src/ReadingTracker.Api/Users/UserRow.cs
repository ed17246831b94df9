namespace ReadingTracker.Api.Users;

public sealed class UserRow
{
    public long Id { get; init; }

    public string LoginId { get; init; } = "";

    public string Email { get; init; } = "";

    public string Name { get; init; } = "";

    public string PasswordHash { get; init; } = "";

    public string Role { get; init; } = "USER";

    public string Status { get; init; } = "ACTIVE";

    public int FailedLoginCount { get; init; }

    public long? LockedUntil { get; init; }

    public long? LastLoginAt { get; init; }

    public string TimeZone { get; init; } = "Asia/Seoul";

    public long CreatedAt { get; init; }

    public long UpdatedAt { get; init; }
}

/// <summary>The user as the API shows it (GET /users/me, signup).</summary>
public sealed record UserResponse(long Id, string LoginId, string Email, string Name, string Role, string Status, string TimeZone)
{
    public static UserResponse From(UserRow user) => new(user.Id, user.LoginId, user.Email, user.Name, user.Role, user.Status, user.TimeZone);
}
