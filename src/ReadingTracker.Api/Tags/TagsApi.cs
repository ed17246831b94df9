using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Memos;
using ReadingTracker.Api.OpenApi;

namespace ReadingTracker.Api.Tags;

/// <summary>GET /tags: the active tag catalogue (docs/contract.md §3.7), optionally one category.</summary>
public static class TagsApi
{
    public static IHostApplicationBuilder AddTags(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<TagCatalog>();
        return builder;
    }

    public static IEndpointRouteBuilder MapTags(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/tags").WithTags("Tags").RequireAuthorization().WithErrorResponses();
        group.MapGet("/", ListTags);
        return routes;
    }

    public static async Task<Ok<ApiResponse<IReadOnlyList<TagResponse>>>> ListTags(TagCategory? category, TagCatalog catalog, CancellationToken ct)
    {
        new Validator().Defined(category, "category").ThrowIfInvalid();
        var tags = await catalog.AllAsync(ct);
        IReadOnlyList<TagResponse> active = [.. tags
            .Where(t => t.IsActive && (category is null || t.CategoryValue == category))
            .Select(t => new TagResponse(t.Id, t.CategoryValue, t.Code, t.SortOrder, t.IsActive))];
        return Envelope.Ok(active);
    }
}
