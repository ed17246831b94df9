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
        var group = routes.MapGroup("/api/v1/user/books").WithTags("Shelf").RequireAuthorization().WithWriteQuota();
        group.MapPost("/", AddToShelf.Handle);
        group.MapGet("/", ShelfReads.List);
        group.MapGet("/{userBookId:long}", ShelfReads.Get);
        group.MapPut("/{userBookId:long}", UpdateShelfBook.Handle);
        group.MapDelete("/{userBookId:long}", RemoveFromShelf.Handle);
        group.MapPut("/{userBookId:long}/category", ChangeCategory.Handle);
        group.MapPost("/{userBookId:long}/start-reading", ReadingTransitions.StartReading);
        group.MapPost("/{userBookId:long}/finish-reading", ReadingTransitions.FinishReading);

        // Close-book lives under /memos on the wire (the earlier client calls it there) but changes the shelf entry.
        routes.MapPost("/api/v1/memos/books/{userBookId:long}/close", CloseBook.Handle).WithTags("Shelf").RequireAuthorization().WithWriteQuota();
        return routes;
    }
}
