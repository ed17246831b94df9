namespace ReadingTracker.Api.Persistence;

/// <summary>
/// What one HTTP request does with the masters: the round trips it makes to each. Set for the request's whole
/// async flow by <see cref="RequestConnectionsExtensions.UseRequestConnections"/>, ahead of authentication, so the
/// per-request user lookup counts too. Background work (recovery, housekeeping) runs outside any request: there
/// <see cref="Current"/> is null.
/// </summary>
public sealed class RequestConnections
{
    public const string ItemKey = "rt.request-connections";

    private static readonly AsyncLocal<RequestConnections?> CurrentScope = new();

    public static RequestConnections? Current => CurrentScope.Value;

    public RoundTrips RoundTrips { get; } = new();

    internal static RequestConnections Begin()
    {
        var scope = new RequestConnections();
        CurrentScope.Value = scope;
        return scope;
    }
}

public static class RequestConnectionsExtensions
{
    public static WebApplication UseRequestConnections(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Items[RequestConnections.ItemKey] = RequestConnections.Begin();
            await next(context);
        });
        return app;
    }
}
