using System.Diagnostics.Metrics;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Quota;

public static class QuotaExtensions
{
    public static IHostApplicationBuilder AddWriteQuota(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<WriteQuotaOptions>("Quota");
        builder.Services.AddSingleton<WriteQuota>();
        builder.Services.AddSingleton<WriteQuotaFilter>();
        builder.Services.AddSingleton<QuotaMetrics>();
        return builder;
    }

    /// <summary>
    /// Counts the group's writes against the user's quota. Imports, which store thousands of rows on
    /// purpose, are to be mapped without it and limited on their own (one at a time per user).
    /// </summary>
    public static TBuilder WithWriteQuota<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, WriteQuotaFilter>()
            .WithMetadata(new DeclaredErrors([StatusCodes.Status429TooManyRequests], WritesOnly: true));
}

/// <summary>The quota's counter, on the meter /metrics exports.</summary>
public sealed class QuotaMetrics(IMeterFactory meters)
{
    public Counter<long> Refusals { get; } = meters.Create(Persistence.DatabaseMetrics.MeterName)
        .CreateCounter<long>("rt_write_quota_refusals", description: "Writes refused by the per-user quota (429)");
}
