namespace ReadingTracker.Api.OpenApi;

/// <summary>The OpenAPI document at /openapi/v1.json and a browsable UI at /swagger.</summary>
public static class ApiDocsExtensions
{
    public static IHostApplicationBuilder AddApiDocs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication UseApiDocs(this WebApplication app)
    {
        app.MapOpenApi();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "Reading Tracker API v1");
            o.RoutePrefix = "swagger";
            o.DocumentTitle = "Reading Tracker API";
        });
        return app;
    }
}
