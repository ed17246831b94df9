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
        // A configured secret's length is checked with the other options at start-up (JwtOptions.Validate).
        if (options.Value.HasSecret)
        {
            Key = Encoding.UTF8.GetBytes(options.Value.Secret!);
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
