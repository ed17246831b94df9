using System.Security.Cryptography;
using System.Text;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Idempotency;

/// <summary>Parsing and hashing of the Idempotency-Key header (IETF draft: an sf-string; bare tokens accepted too).</summary>
public static class IdempotencyKey
{
    public const int MaxLength = 255;

    /// <summary>The key, or an <see cref="ApiException"/> (400) saying why the header is not one.</summary>
    public static string Parse(IReadOnlyList<string?> headerValues)
    {
        if (headerValues.Count != 1)
        {
            throw Invalid("Idempotency-Key는 하나만 보낼 수 있습니다.", "Send exactly one Idempotency-Key header.");
        }

        var raw = (headerValues[0] ?? "").Trim();
        if (raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"')
        {
            raw = raw[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        }

        if (raw.Length == 0 || raw.Length > MaxLength)
        {
            throw Invalid("Idempotency-Key는 1~255자여야 합니다.", "The Idempotency-Key must have 1 to 255 characters.");
        }

        if (raw.Any(c => c < 0x20 || c > 0x7E))
        {
            throw Invalid("Idempotency-Key에는 출력 가능한 ASCII 문자만 쓸 수 있습니다.", "The Idempotency-Key must be printable ASCII.");
        }

        return raw;
    }

    /// <summary>Keys are scoped: the same key from two users (or two anonymous addresses) are two keys.</summary>
    public static string Hash(string scope, string key) => Sha256(scope + "\n" + key);

    public static string Fingerprint(string method, string pathAndQuery, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(method + "\n" + pathAndQuery + "\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static ApiException Invalid(string korean, string english) =>
        new(StatusCodes.Status400BadRequest, "INVALID_IDEMPOTENCY_KEY", new Text(korean, english));
}
