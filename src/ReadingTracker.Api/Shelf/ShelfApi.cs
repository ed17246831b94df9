using ReadingTracker.Api.OpenApi;
using ReadingTracker.Api.Quota;

namespace ReadingTracker.Api.Shelf;

public static class ShelfApi
{
    public static IHostApplicationBuilder AddShelf(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ShelfStore>();
        builder.Services.AddTransient<ShelfBookSource>();
        return builder;
    }

    public static IEndpointRouteBuilder MapShelf(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/user/books").WithTags("Shelf").RequireAuthorization().WithWriteQuota().WithErrorResponses();
        group.MapPost("/", AddToShelf.Handle).ProducesErrors(409);
        group.MapGet("/", ShelfReads.List);
        group.MapGet("/{userBookId:long}", ShelfReads.Get).ProducesErrors(404);
        group.MapPut("/{userBookId:long}", UpdateShelfBook.Handle).ProducesErrors(404);
        group.MapDelete("/{userBookId:long}", RemoveFromShelf.Handle).ProducesErrors(404);
        group.MapPut("/{userBookId:long}/category", ChangeCategory.Handle).ProducesErrors(404);
        group.MapPost("/{userBookId:long}/start-reading", ReadingTransitions.StartReading).ProducesErrors(404, 409);
        group.MapPost("/{userBookId:long}/finish-reading", ReadingTransitions.FinishReading).ProducesErrors(404, 409);
        group.MapGet("/{userBookId:long}/progress-history", ProgressHistory.List).ProducesErrors(404);
        group.MapGet("/{userBookId:long}/conflicts", ShelfConflictReads.List).ProducesErrors(404);

        // Close-book lives under /memos on the wire (the earlier client calls it there) but changes the shelf entry.
        routes.MapPost("/api/v1/memos/books/{userBookId:long}/close", CloseBook.Handle).WithTags("Shelf").RequireAuthorization().WithWriteQuota()
            .ProducesErrors(404);
        return routes;
    }
}
