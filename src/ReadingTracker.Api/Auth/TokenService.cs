using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ReadingTracker.Api.Users;

namespace ReadingTracker.Api.Auth;

/// <summary>Short-lived JWT access tokens; opaque refresh tokens whose SHA-256 is what the masters store.</summary>
public sealed class TokenService(IOptions<JwtOptions> options, SigningKeys keys, TimeProvider time)
{
    public const string TypeClaim = "typ";
    public const string AccessType = "access";
    public const string DeviceClaim = "did";
    public const string SessionClaim = "sid";

    public int AccessTokenSeconds => options.Value.AccessTokenMinutes * 60;

    public async Task<string> CreateAccessTokenAsync(UserRow user, string deviceId, string sessionId, CancellationToken ct)
    {
        await keys.EnsureLoadedAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Issuer,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(options.Value.AccessTokenMinutes),
            SigningCredentials = new SigningCredentials(keys.Current.SecurityKey, SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim("login_id", user.LoginId),
                new Claim("role", user.Role),
                new Claim(TypeClaim, AccessType),
                new Claim(DeviceClaim, deviceId),
                new Claim(SessionClaim, sessionId),
            ]),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = options.Value.Issuer,
        ValidAudience = options.Value.Issuer,
        // The key the token's kid names, of those this instance has loaded (SigningKeys.EnsureKnownAsync runs first).
        IssuerSigningKeyResolver = (_, _, kid, _) => keys.ValidationKeys(kid),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        // Lifetimes are checked against the injected clock, like everything else that tells time.
        LifetimeValidator = (notBefore, expires, _, _) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var skew = TimeSpan.FromSeconds(30);
            return (notBefore is null || now + skew >= notBefore) && expires is not null && now - skew < expires;
        },
    };

    public static string NewRefreshToken() => NewOpaqueToken();

    /// <summary>256 random bits, URL-safe: refresh and password-reset tokens.</summary>
    public static string NewOpaqueToken() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    /// <summary>A device session's id: 128 random bits as 32 hex digits.</summary>
    public static string NewSessionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
