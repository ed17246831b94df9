using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Users;

namespace ReadingTracker.Api.Auth;

/// <summary>
/// Command-line verbs about accounts:
///   users reset-link --login-id X     print a one-time password-reset link for that account
/// The way to recover an account when no mail is configured: the operator hands the link over.
/// </summary>
public static class UsersCommand
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "users";

    public static Task<int> RunAsync(WebApplication app, string[] args) => RunAsync(app.Services, args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors)
    {
        if (args is not ["users", "reset-link", "--login-id", { Length: > 0 } loginId])
        {
            await errors.WriteLineAsync("usage: users reset-link --login-id <login id>");
            return 2;
        }

        var masters = services.GetRequiredService<Masters>();
        var migrator = services.GetRequiredService<SchemaMigrator>();
        foreach (var master in masters.All)
        {
            await migrator.EnsureMigratedAsync(master, CancellationToken.None);
        }

        var user = await services.GetRequiredService<UserStore>().FindByLoginIdAsync(loginId, CancellationToken.None);
        if (user is null || user.Status == "DELETED")
        {
            await errors.WriteLineAsync($"No account with login id \"{loginId}\".");
            return 1;
        }

        var links = services.GetRequiredService<ResetLinks>();
        var link = await links.CreateAsync(user.Id, CancellationToken.None);
        await output.WriteLineAsync(link);
        await errors.WriteLineAsync($"One-time link for {user.LoginId} <{user.Email}>, valid {links.LifetimeMinutes} minutes.");
        return 0;
    }
}
