using System.Net;
using System.Text.Json;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.OpenApi;

/// <summary>
/// /openapi/v1.json lists each operation's error answers, every one as the envelope in application/json, so a client
/// generated from the document (or a reader of /swagger) sees how each operation fails, not only its 200.
/// </summary>
public sealed class ErrorResponsesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] WriteMethods = ["post", "put", "delete", "patch"];

    [Theory]
    [InlineData("post", "/api/v1/memos", new[] { 400, 401, 404, 409, 413, 422, 429, 503 })]
    [InlineData("post", "/api/v1/memos/batch", new[] { 400, 401, 409, 413, 422, 429, 503 })]
    [InlineData("get", "/api/v1/memos/{memoId}", new[] { 401, 404, 503 })]
    [InlineData("get", "/api/v1/memos/dates", new[] { 400, 401, 503 })]
    [InlineData("delete", "/api/v1/user/books/{userBookId}", new[] { 400, 401, 404, 409, 422, 429, 503 })]
    [InlineData("post", "/api/v1/user/books/{userBookId}/start-reading", new[] { 400, 401, 404, 409, 413, 422, 429, 503 })]
    [InlineData("post", "/api/v1/auth/signup", new[] { 400, 409, 413, 429, 503 })]
    [InlineData("post", "/api/v1/auth/login", new[] { 400, 401, 403, 413, 429, 503 })]
    [InlineData("post", "/api/v1/auth/logout", new[] { 401, 503 })]
    [InlineData("get", "/api/v1/users/me", new[] { 401, 503 })]
    [InlineData("get", "/api/v1/books/{isbn}", new[] { 400, 404, 502, 503 })]
    [InlineData("post", "/api/v1/admin/consistency/repair", new[] { 400, 401, 403, 409, 422, 503 })]
    public async Task RepresentativeOperations_ListTheirErrorStatuses_WithTheEnvelopeSchema(string method, string path, int[] expected)
    {
        using var document = await DocumentAsync();
        var responses = Operation(document.RootElement, method, path).GetProperty("responses");

        var errors = responses.EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).Where(s => s >= 400).ToArray();

        Assert.Equal(expected, errors);
        foreach (var status in errors)
        {
            Assert.Equal("#/components/schemas/ApiErrorResponse", EnvelopeReference(responses.GetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }
    }

    [Fact]
    public async Task TheEnvelopeSchema_IsOkFalseWithAnErrorOfCodeMessageAndFields()
    {
        using var document = await DocumentAsync();
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        var envelope = schemas.GetProperty("ApiErrorResponse").GetProperty("properties");
        var body = schemas.GetProperty("ApiErrorBody").GetProperty("properties");

        Assert.Equal(["ok", "error"], envelope.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["code", "message", "fields"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task EveryWrite_Lists503_AndEveryErrorIsTheEnvelope()
    {
        using var document = await DocumentAsync();

        var missing = new List<string>();
        foreach (var (method, path, operation) in Operations(document.RootElement).Where(o => !IsHealthProbe(o.Path)))
        {
            var responses = operation.GetProperty("responses");
            if (WriteMethods.Contains(method) && !responses.TryGetProperty("503", out _))
            {
                missing.Add($"{method.ToUpperInvariant()} {path}: no 503");
            }

            foreach (var error in responses.EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                if (EnvelopeReference(error.Value) != "#/components/schemas/ApiErrorResponse")
                {
                    missing.Add($"{method.ToUpperInvariant()} {path}: {error.Name} is not the envelope");
                }
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    /// <summary>
    /// Not read from the document but asked of the server: each operation is called without a token, and every one
    /// that answers 401 must list 401.
    /// </summary>
    [Fact]
    public async Task EveryOperationThatRefusesAnAnonymousCaller_Lists401()
    {
        using var document = await DocumentAsync();
        var client = app.CreateClient();

        var unlisted = new List<string>();
        var refused = 0;
        foreach (var (method, path, operation) in Operations(document.RootElement).Where(o => !IsHealthProbe(o.Path)))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), Concrete(path));
            using var response = await client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                continue;
            }

            refused++;
            if (!operation.GetProperty("responses").TryGetProperty("401", out _))
            {
                unlisted.Add($"{method.ToUpperInvariant()} {path}");
            }
        }

        Assert.True(refused >= 25, $"only {refused} operations refused an anonymous caller");
        Assert.True(unlisted.Count == 0, "answer 401 but do not list it:\n" + string.Join("\n", unlisted));
    }

    private async Task<JsonDocument> DocumentAsync() => JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"));

    private static JsonElement Operation(JsonElement document, string method, string path) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from method in path.Value.EnumerateObject()
        where method.Name is "get" or "head" or "post" or "put" or "delete" or "patch"
        select (method.Name, path.Name, method.Value);

    /// <summary>The health probes answer in their own shape for monitors, not in the envelope.</summary>
    private static bool IsHealthProbe(string path) => path.StartsWith("/api/v1/health", StringComparison.Ordinal);

    private static string? EnvelopeReference(JsonElement response) =>
        response.TryGetProperty("content", out var content) && content.TryGetProperty("application/json", out var json)
            && json.GetProperty("schema").TryGetProperty("$ref", out var reference)
            ? reference.GetString()
            : null;

    /// <summary>A path with its {parameters} filled in ("1"): enough to reach the authorization check.</summary>
    private static string Concrete(string path) => System.Text.RegularExpressions.Regex.Replace(path, "\\{[^}]+\\}", "1");
}
