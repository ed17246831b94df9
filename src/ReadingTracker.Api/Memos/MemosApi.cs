using ReadingTracker.Api.OpenApi;
using ReadingTracker.Api.Quota;
using ReadingTracker.Api.Shelf;

namespace ReadingTracker.Api.Memos;

/// <summary>Memo endpoints (docs/contract.md §3.5). Close-book lives with the shelf.</summary>
public static class MemosApi
{
    public static IHostApplicationBuilder AddMemos(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MemoStore>();
        builder.Services.AddSingleton<Search.MemoSearchStore>();
        builder.Services.AddSingleton<Search.MemoSearchBackfill>();
        builder.Services.AddHostedService<Search.MemoSearchBackfillWorker>();
        builder.Services.AddSingleton<IEntryDependents, EntryMemos>();
        builder.Services.AddSingleton<Tags.ITagLinks, TagMemoLinks>();
        return builder;
    }

    public static IEndpointRouteBuilder MapMemos(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/memos").WithTags("Memos").RequireAuthorization().WithWriteQuota().WithErrorResponses();
        group.MapPost("/", CreateMemo.Handle).ProducesErrors(404);
        group.MapPost("/batch", CreateMemoBatch.Handle);
        // {memoId:long} keeps /memos/dates and /memos/books/... from being read as memo ids.
        group.MapGet("/{memoId:long}", MemoReads.GetMemo).ProducesErrors(404);
        group.MapPut("/{memoId:long}", UpdateMemo.Handle).ProducesErrors(404);
        group.MapDelete("/{memoId:long}", DeleteMemo.Handle).ProducesErrors(404);
        group.MapGet("/{memoId:long}/history", MemoReads.GetHistory).ProducesErrors(404);
        group.MapGet("/books/recent", MemoReads.RecentBooks);
        group.MapGet("/books/{userBookId:long}", MemoReads.ForBook).ProducesErrors(404);
        group.MapGet("/dates", MemoReads.Dates);
        group.MapGet("/tags/{code}", MemoReads.ForTag);
        group.MapGet("/search", Search.SearchMemos.Handle);
        return routes;
    }
}
