namespace ReadingTracker.Api.Idempotency;

/// <summary>
/// Endpoint metadata: an Idempotency-Key sent here is ignored and nothing is stored. For the auth
/// endpoints, whose responses hold tokens that must never be kept to be replayed; a retried login or
/// refresh simply runs again.
/// </summary>
public sealed class OutsideIdempotency
{
    public static readonly OutsideIdempotency Instance = new();

    private OutsideIdempotency()
    {
    }
}

public static class OutsideIdempotencyExtensions
{
    public static TBuilder WithoutIdempotency<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(OutsideIdempotency.Instance);
}
