using Dapper;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Users;

/// <summary>User reads, each through the failover reader.</summary>
public sealed class UserStore(FailoverReader reader)
{
    public Task<UserRow?> FindByIdAsync(long id, CancellationToken ct) =>
        reader.ReadAsync(c => c.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition("SELECT * FROM users WHERE id = @id", new { id }, cancellationToken: ct)), ct);

    public Task<UserRow?> FindByLoginIdAsync(string loginId, CancellationToken ct) =>
        reader.ReadAsync(c => c.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition("SELECT * FROM users WHERE login_id = @loginId", new { loginId }, cancellationToken: ct)), ct);

    public Task<UserRow?> FindByEmailAsync(string email, CancellationToken ct) =>
        reader.ReadAsync(c => c.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition("SELECT * FROM users WHERE email = @email", new { email }, cancellationToken: ct)), ct);

    /// <summary>
    /// The user behind an access token together with the state of the token's device, in one query:
    /// Device is null when the user has no such device row.
    /// </summary>
    public async Task<(UserRow User, DeviceState? Device)?> FindSessionAsync(long userId, string deviceId, CancellationToken ct)
    {
        var rows = await reader.ReadAsync(c => c.QueryAsync<UserRow, DeviceState, (UserRow User, DeviceState? Device)?>(
            new CommandDefinition(
                """
                SELECT u.*, d.id AS device_row_id, d.revoked_at AS device_revoked_at, d.session_id AS device_session_id
                FROM users u
                LEFT JOIN user_devices d ON d.user_id = u.id AND d.device_id = @deviceId
                WHERE u.id = @userId
                """,
                new { userId, deviceId }, cancellationToken: ct),
            (user, device) => (user, device),
            splitOn: "device_row_id"), ct);
        return rows.SingleOrDefault();
    }
}

/// <summary>
/// Whether a device's session still stands: revoked by logout, device removal or token theft; its
/// session id cleared by a password change or reset, or replaced by a newer login.
/// </summary>
public sealed class DeviceState
{
    public long DeviceRowId { get; init; }

    public long? DeviceRevokedAt { get; init; }

    public string? DeviceSessionId { get; init; }
}
