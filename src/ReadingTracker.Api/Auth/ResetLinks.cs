using Dapper;
using Microsoft.Extensions.Options;
using ReadingTracker.Api.Mail;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Auth;

/// <summary>
/// One-time password-reset links. The token (256 random bits) travels only in the link — by mail, or
/// printed for the operator — and the masters keep its SHA-256. A new link voids the user's earlier
/// ones; a link works once, for <see cref="AuthOptions.ResetTokenMinutes"/>.
/// </summary>
public sealed class ResetLinks(
    FailoverReader reader, DualWriter writer, IdGenerator ids, IOptions<AuthOptions> auth, IOptions<EmailOptions> email, TimeProvider time)
{
    public int LifetimeMinutes => auth.Value.ResetTokenMinutes;

    public async Task<string> CreateAsync(long userId, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var earlier = await reader.ReadAsync(c => c.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM password_reset_tokens WHERE user_id = @userId AND used_at IS NULL AND expires_at > @now ORDER BY id",
            new { userId, now }, cancellationToken: ct)), ct);
        var batch = new WriteBatch();
        foreach (var id in earlier)
        {
            batch.Add(PasswordResetTokensTable.Use(id, now));
        }

        var token = TokenService.NewOpaqueToken();
        batch.Add(PasswordResetTokensTable.Insert(ids.NextId(), userId, TokenService.HashToken(token), now + (LifetimeMinutes * 60_000L), now));
        await writer.WriteAsync(batch, ct);
        return LinkFor(token);
    }

    /// <summary>The web client's reset screen; the token is URL-safe base64 and needs no escaping.</summary>
    private string LinkFor(string token) => new Uri(new Uri(email.Value.PublicBaseUrl), "#/reset?token=" + token).ToString();
}
