using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Auth;

/// <summary>The earlier system's policy: at least 8 characters including one special character.</summary>
public static class PasswordPolicy
{
    public const string SpecialCharacters = "!@#$%^&*(),.?\":{}|<>";

    public static void Check(Validator validator, string? password, string field)
    {
        if (password is null)
        {
            return;
        }

        if (password.Length < 8)
        {
            validator.Add(field, "비밀번호는 최소 8자 이상이어야 합니다.", "The password needs at least 8 characters.");
        }

        if (password.Length > 128)
        {
            validator.Add(field, "비밀번호는 128자 이하여야 합니다.", "The password may have at most 128 characters.");
        }

        if (!password.Any(c => SpecialCharacters.Contains(c, StringComparison.Ordinal)))
        {
            validator.Add(field, "비밀번호는 최소 1개의 특수문자를 포함해야 합니다.", "The password needs at least one special character.");
        }
    }

    /// <summary>A new password with its confirmation (reset and change): required, the policy, and equal.</summary>
    public static void CheckNew(Validator validator, string? newPassword, string? confirmPassword)
    {
        validator.Required(newPassword, "newPassword").Required(confirmPassword, "confirmPassword");
        Check(validator, newPassword, "newPassword");
        if (newPassword is not null && confirmPassword is not null && newPassword != confirmPassword)
        {
            validator.Add("confirmPassword", "비밀번호 확인이 일치하지 않습니다.", "The confirmation does not match the new password.");
        }
    }
}
