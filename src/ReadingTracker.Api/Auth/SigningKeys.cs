using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Auth;

/// <summary>One HMAC key and the id (kid) that tokens signed with it carry in their header.</summary>
public sealed record SigningKey(int Generation, string KeyId, byte[] Secret)
{
    public SymmetricSecurityKey SecurityKey { get; } = new(Secret) { KeyId = KeyId };
}

/// <summary>
/// The JWT signing keys, the same on every server instance (ADR-012): "Jwt:Secret" when configured, else the
/// signing_keys table, whose first generation the first instance to start creates (an INSERT that ignores a
/// duplicate generation, so instances starting at once agree on one key). New tokens are signed with the newest
/// generation; a token is verified with the key its kid names. A kid this instance does not know (a rotation on
/// another instance) reloads the table, at most once per <see cref="UnknownKeyPause"/>, so forged kids cannot drive
/// a query per request. With Primary down the keys are read from Secondary; with no key anywhere, signing is 503.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "DI singleton for the process lifetime")]
public sealed partial class SigningKeys(
    IOptions<JwtOptions> options, IOptions<DatabaseOptions> database, Masters masters, SchemaMigrator migrator, DataDirectory data,
    TimeProvider time, ILogger<SigningKeys> logger)
{
    private static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan UnknownKeyPause = TimeSpan.FromSeconds(5);

    private readonly SigningKey? _configured = options.Value.HasSecret ? Configured(options.Value.Secret!) : null;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile IReadOnlyList<SigningKey> _keys = [];
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _unknownReloadAt = DateTimeOffset.MinValue;

    /// <summary>The key new tokens are signed with; 503 while no key could be read yet.</summary>
    public SigningKey Current => _configured
        ?? (_keys is [.., var newest] ? newest : throw new DatabaseUnavailableException(database.Value.RetryAfterSeconds));

    /// <summary>The keys that may have signed a token with this kid (all of them for a token without one).</summary>
    public IEnumerable<SecurityKey> ValidationKeys(string? kid)
    {
        IReadOnlyList<SigningKey> keys = _configured is { } configured ? [configured] : _keys;
        return keys.Where(k => string.IsNullOrEmpty(kid) || k.KeyId == kid).Select(k => k.SecurityKey);
    }

    /// <summary>Loads the keys before the first signature, and again every few minutes to learn of a rotation.</summary>
    public async Task EnsureLoadedAsync(CancellationToken ct)
    {
        if (_configured is null && (_keys.Count == 0 || time.GetUtcNow() - _loadedAt > RefreshAfter))
        {
            await ReloadAsync(ct);
        }
    }

    /// <summary>Before a token is verified: a kid this instance has not seen yet may be a key another instance made.</summary>
    public async Task EnsureKnownAsync(string? kid, CancellationToken ct)
    {
        if (_configured is not null || (!string.IsNullOrEmpty(kid) && _keys.Any(k => k.KeyId == kid)))
        {
            return;
        }

        if (_keys.Count == 0)
        {
            await ReloadAsync(ct);
        }
        else if (!string.IsNullOrEmpty(kid) && time.GetUtcNow() - _unknownReloadAt > UnknownKeyPause)
        {
            _unknownReloadAt = time.GetUtcNow();
            await ReloadAsync(ct);
        }
    }

    private async Task ReloadAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            _keys = await ReadOrCreateAsync(ct);
            _loadedAt = time.GetUtcNow();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyList<SigningKey>> ReadOrCreateAsync(CancellationToken ct)
    {
        List<SigningKey> keys;
        try
        {
            await migrator.EnsureMigratedAsync(masters.Primary, ct);
            keys = await ReadAsync(masters.Primary, ct);
            if (keys.Count == 0)
            {
                await InsertIgnoreAsync(masters.Primary, [NewFirstKey()], ct);
                keys = await ReadAsync(masters.Primary, ct);
                LogKeyCreated(logger, keys[0].KeyId);
            }
        }
        catch (Exception ex) when (SqlDialect.IsConnectionFailure(ex) && masters.Secondary is not null)
        {
            // Primary down: verify and sign with what Secondary holds (a copy of Primary's keys).
            keys = await ReadSecondaryAsync(ct);
            return keys.Count > 0 ? keys : throw new DatabaseUnavailableException(database.Value.RetryAfterSeconds);
        }
        catch (Exception ex) when (SqlDialect.IsConnectionFailure(ex))
        {
            throw new DatabaseUnavailableException(database.Value.RetryAfterSeconds);
        }

        if (masters.Secondary is { } secondary)
        {
            try
            {
                // Primary's rows, as they are: instances that start at once copy the same rows, never their own.
                await migrator.EnsureMigratedAsync(secondary, ct);
                await InsertIgnoreAsync(secondary, keys, ct);
            }
            catch (Exception ex) when (SqlDialect.IsConnectionFailure(ex))
            {
                LogSecondaryCopyFailed(logger, ex.Message);
            }
        }

        return keys;
    }

    private async Task<List<SigningKey>> ReadSecondaryAsync(CancellationToken ct)
    {
        try
        {
            await migrator.EnsureMigratedAsync(masters.Secondary!, ct);
            return await ReadAsync(masters.Secondary!, ct);
        }
        catch (Exception ex) when (SqlDialect.IsConnectionFailure(ex))
        {
            throw new DatabaseUnavailableException(database.Value.RetryAfterSeconds);
        }
    }

    private static async Task<List<SigningKey>> ReadAsync(MasterDatabase master, CancellationToken ct)
    {
        var rows = await master.UseAsync(c => c.QueryAsync<(int Generation, string Kid, string Secret)>(new CommandDefinition(
            "SELECT generation, kid, secret FROM signing_keys ORDER BY generation", cancellationToken: ct)), ct);
        return [.. rows.Select(r => new SigningKey(r.Generation, r.Kid, Convert.FromBase64String(r.Secret)))];
    }

    private async Task InsertIgnoreAsync(MasterDatabase master, IReadOnlyList<SigningKey> keys, CancellationToken ct)
    {
        var insert = master.Dialect.Provider == DatabaseProvider.MySql ? "INSERT IGNORE" : "INSERT OR IGNORE";
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await master.UseAsync(c => c.ExecuteAsync(new CommandDefinition(
            $"{insert} INTO signing_keys (generation, kid, secret, created_at) VALUES (@Generation, @KeyId, @Secret, @now)",
            keys.Select(k => new { k.Generation, k.KeyId, Secret = Convert.ToBase64String(k.Secret), now }), cancellationToken: ct)), ct);
    }

    /// <summary>
    /// The first generation. A server that ran alone before kept its key in the data folder: that key becomes the
    /// first generation, so its tokens stay valid across the upgrade.
    /// </summary>
    private SigningKey NewFirstKey()
    {
        var legacy = data.File("jwt-secret");
        var secret = File.Exists(legacy) ? Convert.FromBase64String(File.ReadAllText(legacy).Trim()) : RandomNumberGenerator.GetBytes(64);
        return new SigningKey(1, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), secret);
    }

    /// <summary>The configured secret's kid: a short digest, so a changed secret gets a new kid.</summary>
    private static SigningKey Configured(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        return new SigningKey(0, "cfg-" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..12], bytes);
    }

    [LoggerMessage(EventId = 1801, EventName = "SigningKeyCreated", Level = LogLevel.Information,
        Message = "Signing key {KeyId} is the first generation in the database")]
    private static partial void LogKeyCreated(ILogger logger, string keyId);

    [LoggerMessage(EventId = 1802, EventName = "SigningKeyCopyToSecondaryFailed", Level = LogLevel.Warning,
        Message = "The signing keys could not be copied to Secondary; the next load tries again: {Error}")]
    private static partial void LogSecondaryCopyFailed(ILogger logger, string error);
}
