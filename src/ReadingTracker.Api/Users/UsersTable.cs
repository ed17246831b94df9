using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Users;

/// <summary>
/// The writes of users: an account is inserted at signup; sign-ins, failed passwords, locks, password changes and
/// profile edits each update their own columns. Accounts are never removed.
/// </summary>
public static class UsersTable
{
    public static readonly Table Table = new("users");

    private static readonly Column<string> LoginId = Table.Column<string>("login_id");
    private static readonly Column<string> Email = Table.Column<string>("email");
    private static readonly Column<string> Name = Table.Column<string>("name");
    private static readonly Column<string> PasswordHash = Table.Column<string>("password_hash");
    private static readonly Column<string> Role = Table.Column<string>("role");
    private static readonly Column<string> Status = Table.Column<string>("status");
    private static readonly Column<int> FailedLoginCount = Table.Column<int>("failed_login_count");
    private static readonly Column<long?> LockedUntil = Table.Column<long?>("locked_until");
    private static readonly Column<long?> LastLoginAt = Table.Column<long?>("last_login_at");
    private static readonly Column<string> TimeZone = Table.Column<string>("time_zone");
    private static readonly Column<long> CreatedAt = Table.Column<long>("created_at");
    private static readonly Column<long> UpdatedAt = Table.Column<long>("updated_at");

    public static RowWrite Insert(UserRow user) => Table.Insert(
        Table.Id.Set(user.Id), LoginId.Set(user.LoginId), Email.Set(user.Email), Name.Set(user.Name), PasswordHash.Set(user.PasswordHash),
        Role.Set(user.Role), Status.Set(user.Status), FailedLoginCount.Set(user.FailedLoginCount), LockedUntil.Set(user.LockedUntil),
        LastLoginAt.Set(user.LastLoginAt), TimeZone.Set(user.TimeZone), CreatedAt.Set(user.CreatedAt), UpdatedAt.Set(user.UpdatedAt));

    /// <summary>A successful sign-in: the failure count starts again and any lock is over.</summary>
    public static RowWrite SignedIn(long id, long now) => Table.Update(
        id, FailedLoginCount.Set(0), Status.Set("ACTIVE"), LockedUntil.Set(null), LastLoginAt.Set(now), UpdatedAt.Set(now));

    /// <summary>One more wrong password, counted by each master so that guesses sent at once all count.</summary>
    public static RowWrite CountFailedLogin(long id) => Table.Increment(id, FailedLoginCount, 1);

    /// <summary>
    /// Lifts a lock whose time has passed and starts the count again from zero — only while the row still holds the lock
    /// that was seen (<paramref name="lockedUntil"/>), so of guesses sent at once only the first lifts it.
    /// </summary>
    public static RowWrite LiftLapsedLock(long id, long? lockedUntil, long now) => Table.UpdateIf(
        id,
        [FailedLoginCount.Set(0), Status.Set("ACTIVE"), LockedUntil.Set(null), UpdatedAt.Set(now)],
        [Status.Set("LOCKED"), LockedUntil.Set(lockedUntil)]);

    public static RowWrite Lock(long id, long until, long now) => Table.Update(id, Status.Set("LOCKED"), LockedUntil.Set(until), UpdatedAt.Set(now));

    /// <summary>A password reset by mail: the new password, and the account unlocked.</summary>
    public static RowWrite ResetPassword(long id, string passwordHash, long now) => Table.Update(
        id, PasswordHash.Set(passwordHash), Status.Set("ACTIVE"), FailedLoginCount.Set(0), LockedUntil.Set(null), UpdatedAt.Set(now));

    /// <summary>A password changed by its signed-in owner.</summary>
    public static RowWrite ChangePassword(long id, string passwordHash, long now) => Table.Update(id, PasswordHash.Set(passwordHash), UpdatedAt.Set(now));

    public static RowWrite UpdateProfile(long id, string name, string email, string timeZone, long now) =>
        Table.Update(id, Name.Set(name), Email.Set(email), TimeZone.Set(timeZone), UpdatedAt.Set(now));
}
