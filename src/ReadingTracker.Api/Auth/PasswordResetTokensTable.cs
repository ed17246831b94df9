using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Auth;

/// <summary>
/// The writes of password_reset_tokens: a link's token hash is inserted, marked used when the link is followed or a
/// newer link voids it, and purged by housekeeping once long expired.
/// </summary>
public static class PasswordResetTokensTable
{
    public static readonly Table Table = new("password_reset_tokens");

    private static readonly Column<long> UserId = Table.Column<long>("user_id");
    private static readonly Column<string> TokenHash = Table.Column<string>("token_hash");
    private static readonly Column<long> ExpiresAt = Table.Column<long>("expires_at");
    private static readonly Column<long?> UsedAt = Table.Column<long?>("used_at");
    private static readonly Column<long> CreatedAt = Table.Column<long>("created_at");

    public static RowWrite Insert(long id, long userId, string tokenHash, long expiresAt, long now) => Table.Insert(
        Table.Id.Set(id), UserId.Set(userId), TokenHash.Set(tokenHash), ExpiresAt.Set(expiresAt), UsedAt.Set(null), CreatedAt.Set(now));

    /// <summary>The link was followed, or a newer one voids it: either way it cannot be used again.</summary>
    public static RowWrite Use(long id, long now) => Table.Update(id, UsedAt.Set(now));
}
