using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Auth;

/// <summary>The signing key: "Jwt:Secret" when configured, else a random key generated once and kept in the data directory.</summary>
public sealed class JwtSecret
{
    public JwtSecret(IOptions<JwtOptions> options, DataDirectory data)
    {
        var configured = options.Value.Secret;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (Encoding.UTF8.GetByteCount(configured) < 32)
            {
                throw new InvalidOperationException("Jwt:Secret must be at least 32 bytes.");
            }

            Key = Encoding.UTF8.GetBytes(configured);
            return;
        }

        var path = data.File("jwt-secret");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        Key = Convert.FromBase64String(File.ReadAllText(path).Trim());
    }

    public byte[] Key { get; }
}
