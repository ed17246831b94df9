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
}
