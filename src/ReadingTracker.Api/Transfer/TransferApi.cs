using ReadingTracker.Api.Idempotency;
using ReadingTracker.Api.OpenApi;
using ReadingTracker.Api.Quota;

namespace ReadingTracker.Api.Transfer;

/// <summary>Import and export of the reader's own data (docs/contract.md "Import and export", ADR-014).</summary>
public static class TransferApi
{
    public static IHostApplicationBuilder AddTransfer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ImportStore>();
        builder.Services.AddSingleton<ExportStore>();
        builder.Services.AddSingleton<Importer>();
        return builder;
    }

    public static IEndpointRouteBuilder MapTransfer(this IEndpointRouteBuilder routes)
    {
        // An import is idempotent by what it writes (a book already on the shelf is left alone), so it needs no
        // Idempotency-Key, whose store would otherwise hold a copy of a 50 MB body for its fingerprint. Any content type
        // is taken (multipart, text/csv, a browser's guess for a .csv file): the file's own bytes tell its format.
        routes.MapPost("/api/v1/imports", ImportFile.Handle).WithTags("Transfer").RequireAuthorization().WithWriteQuota().WithErrorResponses()
            .WithoutIdempotency().WithMetadata(new RequestSizeLimitMetadata(ImportFile.MaxFileBytes))
            .ProducesErrors(400, 413);

        var exports = routes.MapGroup("/api/v1/exports").WithTags("Transfer").RequireAuthorization().WithErrorResponses();
        exports.MapGet("/json", JsonExport.Handle).Produces(StatusCodes.Status200OK, contentType: "application/json");
        exports.MapGet("/markdown", Exports.Markdown).Produces(StatusCodes.Status200OK, contentType: "application/zip");
        exports.MapGet("/goodreads.csv", Exports.Goodreads).Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return routes;
    }

    private sealed class RequestSizeLimitMetadata(long size) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize { get; } = size;
    }
}
