using System.Reflection;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Users;

namespace ReadingTracker.Api.Auth;

/// <summary>
/// The authenticated user of this request, loaded (with read failover) when the access token was
/// validated. Handlers take it as a parameter; it is never null on an endpoint that requires auth.
/// </summary>
public sealed class CurrentUser
{
    internal const string ItemKey = "rt.current-user";

    public CurrentUser(UserRow user, string deviceId)
    {
        Id = user.Id;
        LoginId = user.LoginId;
        Role = user.Role;
        DeviceId = deviceId;
        Row = user;
        TimeZone = ResolveZone(user.TimeZone);
    }

    public long Id { get; }

    public string LoginId { get; }

    public string Role { get; }

    public string DeviceId { get; }

    public UserRow Row { get; }

    public TimeZoneInfo TimeZone { get; }

    public bool IsAdmin => Role == "ADMIN";

    public static ValueTask<CurrentUser?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<CurrentUser?>(context.Items[ItemKey] as CurrentUser ?? throw CommonErrors.Unauthorized());

    public static TimeZoneInfo ResolveZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
}
