namespace ReadingTracker.Api.Http;

/// <summary>
/// Endpoint metadata: error statuses the endpoint answers beyond those of the pipeline in front of every handler, for
/// its OpenAPI document (<c>ProducesErrors</c> on a route, or a mechanism such as the write quota on its group).
/// With <see cref="WritesOnly"/>, only the endpoint's writes answer them.
/// </summary>
public sealed record DeclaredErrors(IReadOnlyList<int> Statuses, bool WritesOnly = false);
