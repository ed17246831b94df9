using System.ComponentModel.DataAnnotations;
using System.Text;

namespace ReadingTracker.Api.Auth;

/// <summary>Bound from "Jwt"; without a secret the instances share keys kept in the database (SigningKeys).</summary>
public sealed class JwtOptions : IValidatableObject
{
    public const int MinSecretBytes = 32;

    /// <summary>HMAC key, at least <see cref="MinSecretBytes"/> bytes of UTF-8; every instance must have the same one.</summary>
    public string? Secret { get; set; }

    /// <summary>Issuer and audience of every token.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Issuer { get; set; } = "reading-tracker";

    [Range(1, 10_080)]
    public int AccessTokenMinutes { get; set; } = 60;

    /// <summary>0 issues refresh tokens that are already expired (tests of expiry).</summary>
    [Range(0, 3650)]
    public int RefreshTokenDays { get; set; } = 7;

    /// <summary>A just-rotated refresh token presented again within this window is a race, not theft.</summary>
    [Range(0, 3600)]
    public int RefreshReuseLeewaySeconds { get; set; } = 10;

    public bool HasSecret => !string.IsNullOrWhiteSpace(Secret);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HasSecret && Encoding.UTF8.GetByteCount(Secret!) < MinSecretBytes)
        {
            yield return new ValidationResult($"{validationContext.DisplayName}:Secret must be at least {MinSecretBytes} bytes.", [nameof(Secret)]);
        }
    }
}

/// <summary>Bound from "Auth".</summary>
public sealed class AuthOptions
{
    [Range(1, 1000)]
    public int MaxFailedLogins { get; set; } = 5;

    [Range(1, 10_080)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>PBKDF2-SHA256 iterations for new hashes (OWASP 2023: 600,000).</summary>
    [Range(1000, 10_000_000)]
    public int PasswordHashIterations { get; set; } = 600_000;

    /// <summary>How long a mailed reset link works (once); 0 mails links that are already expired (tests of expiry).</summary>
    [Range(0, 10_080)]
    public int ResetTokenMinutes { get; set; } = 30;

    /// <summary>Time zone of new users.</summary>
    [TimeZoneId]
    public string DefaultTimeZone { get; set; } = "Asia/Seoul";

    /// <summary>Login attempts per client address per minute.</summary>
    [Range(1, int.MaxValue)]
    public int LoginPermitsPerMinute { get; set; } = 20;

    /// <summary>Signups per client address per minute (each costs a slow password hash).</summary>
    [Range(1, int.MaxValue)]
    public int SignupPermitsPerMinute { get; set; } = 10;

    /// <summary>Login-id and email availability checks per client address per minute (the sign-up form asks as the user types).</summary>
    [Range(1, int.MaxValue)]
    public int DuplicateCheckPermitsPerMinute { get; set; } = 60;
}
