using System.Text.RegularExpressions;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Users;

/// <summary>The rules for a user's editable fields, shared by signup and PUT /users/me.</summary>
public static partial class UserFields
{
    public static void CheckEmail(Validator v, string? email)
    {
        if (email is not null && (email.Length > 100 || !EmailPattern().IsMatch(email.Trim())))
        {
            v.Add("email", "이메일 형식이 올바르지 않습니다.", "Not a valid email address.");
        }
    }

    public static void CheckName(Validator v, string? name)
    {
        if (name is not null && (name.Trim().Length is < 1 or > 50))
        {
            v.Add("name", "이름은 1~50자입니다.", "The name needs 1 to 50 characters.");
        }
    }

    public static void CheckTimeZone(Validator v, string? timeZone)
    {
        if (timeZone is not null && (timeZone.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _)))
        {
            v.Add("timeZone", "알 수 없는 시간대입니다.", "Unknown time zone.");
        }
    }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
