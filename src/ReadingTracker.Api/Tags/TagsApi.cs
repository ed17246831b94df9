using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.OpenApi;
using ReadingTracker.Api.Quota;

namespace ReadingTracker.Api.Tags;

/// <summary>
/// GET /tags: the active catalogue and the caller's own tags (docs/contract.md §3.7), optionally one category; and the
/// own tags' writes under /tags/mine (ADR-011).
/// </summary>
public static class TagsApi
{
    public static IHostApplicationBuilder AddTags(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<TagCatalog>();
        builder.Services.AddSingleton<OwnTagStore>();
        return builder;
    }

    public static IEndpointRouteBuilder MapTags(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/tags").WithTags("Tags").RequireAuthorization().WithWriteQuota().WithErrorResponses();
        group.MapGet("/", ListTags);
        group.MapPost("/mine", OwnTags.Create).ProducesErrors(409);
        group.MapPatch("/mine/{code}", OwnTags.Edit).ProducesErrors(404, 409);
        group.MapPost("/mine/{code}/merge", TagMerge.Merge).ProducesErrors(404);
        group.MapDelete("/mine/{code}", TagMerge.Delete).ProducesErrors(404);
        return routes;
    }

    /// <summary>
    /// Built-ins and own tags in one list, each category's built-ins by sort order with the reader's own tags (by name)
    /// before its `etc`. Not paged: a reader has at most <see cref="TagLimits.MaxOwnTags"/> own tags beside the 18.
    /// </summary>
    public static async Task<Ok<ApiResponse<IReadOnlyList<TagResponse>>>> ListTags(
        TagCategory? category, CurrentUser user, TagCatalog catalog, OwnTagStore own, CancellationToken ct)
    {
        new Validator().Defined(category, "category").ThrowIfInvalid();
        var tags = (await catalog.AllAsync(ct)).Where(t => t.IsActive).Concat(await own.ListAsync(user.Id, ct));
        IReadOnlyList<TagResponse> listed = [.. tags
            .Where(t => category is null || t.CategoryValue == category)
            .OrderBy(t => t.CategoryValue).ThenBy(t => t.SortOrder).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.Id)
            .Select(t => t.ToResponse())];
        return Envelope.Ok(listed);
    }
}
