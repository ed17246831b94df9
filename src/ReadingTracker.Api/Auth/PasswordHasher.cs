using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ReadingTracker.Api.Auth;

/// <summary>PBKDF2-SHA256 with a per-password salt; the iteration count is stored in the hash so it can grow.</summary>
public sealed class PasswordHasher(IOptions<AuthOptions> options)
{
    private const int SaltSize = 16;
    private const int KeySize = 32;

    private readonly Lazy<string> _dummyHash = new(() => HashWith(options.Value.PasswordHashIterations, "no-such-user"));

    public string Hash(string password) => HashWith(options.Value.PasswordHashIterations, password);

    /// <summary>
    /// Costs what checking a real password costs, for a login id that does not exist: a missing user
    /// and a wrong password must not be told apart by the time the answer takes.
    /// </summary>
    public void VerifyAgainstNothing(string password) => Verify(password, _dummyHash.Value);

    private static string HashWith(int iterations, string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var key = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, KeySize);
        return $"pbkdf2-sha256${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(key)}";
    }

    public bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
        {
            return false;
        }

        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
