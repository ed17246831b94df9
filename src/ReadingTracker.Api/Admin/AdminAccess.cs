using Microsoft.Extensions.Options;
using ReadingTracker.Api.Auth;

namespace ReadingTracker.Api.Admin;

/// <summary>Bound from "Admin": login ids that hold the ADMIN role besides users whose role is ADMIN.</summary>
public sealed class AdminOptions
{
    public string[] LoginIds { get; set; } = [];

    /// <summary>
    /// An array binds from "Admin:LoginIds:0", ":1"…; one environment variable (Admin__LoginIds=alice,bob) is a single
    /// string, which the binder skips for an array and so once granted nothing. Both forms count, together.
    /// </summary>
    public static string[] WithCommaList(string[] bound, string? commaList) =>
        [.. bound.Concat((commaList ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(id => id.Trim()).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal)];
}

public static class AdminAccess
{
    public const string Policy = "admin-access";

    public static IHostApplicationBuilder AddAdminAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireAuthenticatedUser().RequireAssertion(context =>
            context.Resource is HttpContext http && http.Items[CurrentUser.ItemKey] is CurrentUser user
            && (user.IsAdmin || http.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value.LoginIds.Contains(user.LoginId, StringComparer.Ordinal))));
        return builder;
    }
}
