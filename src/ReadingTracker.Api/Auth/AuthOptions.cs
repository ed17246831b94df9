namespace ReadingTracker.Api.Auth;

/// <summary>Bound from "Jwt"; the secret is generated and persisted on first run when absent.</summary>
public sealed class JwtOptions
{
    public string? Secret { get; set; }

    public string Issuer { get; set; } = "reading-tracker";

    public int AccessTokenMinutes { get; set; } = 60;

    public int RefreshTokenDays { get; set; } = 7;

    /// <summary>A just-rotated refresh token presented again within this window is a race, not theft.</summary>
    public int RefreshReuseLeewaySeconds { get; set; } = 10;
}

/// <summary>Bound from "Auth".</summary>
public sealed class AuthOptions
{
    public int MaxFailedLogins { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>PBKDF2-SHA256 iterations for new hashes (OWASP 2023: 600,000).</summary>
    public int PasswordHashIterations { get; set; } = 600_000;

    /// <summary>How long a mailed reset link works (once).</summary>
    public int ResetTokenMinutes { get; set; } = 30;

    public string DefaultTimeZone { get; set; } = "Asia/Seoul";

    /// <summary>Login attempts per client address per minute.</summary>
    public int LoginPermitsPerMinute { get; set; } = 20;

    /// <summary>Signups per client address per minute (each costs a slow password hash).</summary>
    public int SignupPermitsPerMinute { get; set; } = 10;

    /// <summary>Login-id and email availability checks per client address per minute (the sign-up form asks as the user types).</summary>
    public int DuplicateCheckPermitsPerMinute { get; set; } = 60;
}
