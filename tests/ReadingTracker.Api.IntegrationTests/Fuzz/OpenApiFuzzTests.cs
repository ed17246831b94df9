using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using ReadingTracker.Api.IntegrationTests.Books;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Memos;
using Xunit.Abstractions;

namespace ReadingTracker.Api.IntegrationTests.Fuzz;

/// <summary>The fuzzing user is an admin (so the admin operations are driven too) and book search answers from the fake provider.</summary>
public sealed class FuzzAppFactory : FakeProviderAppFactory
{
    public const string AdminLoginId = "fuzzadmin";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(FastRetries("Aladin"))
    {
        ["Aladin:BaseUrl"] = Fake.AladinUrl,
        ["Aladin:TtbKey"] = FakeBookServer.TtbKey,
        ["Admin:LoginIds"] = AdminLoginId,
    };
}

/// <summary>
/// Every operation of the server's own OpenAPI document, driven with thousands of generated bad requests (wrong
/// types, extremes, broken JSON and encodings, random path and query values), as a real user and without one.
/// Any 5xx but 503 fails the test with the request that caused it. The seed is printed; RT_FUZZ_SEED replays a
/// run, RT_FUZZ_PER_OPERATION changes its size.
/// </summary>
public sealed class OpenApiFuzzTests(FuzzAppFactory app, ITestOutputHelper output) : IClassFixture<FuzzAppFactory>
{
    private const int DefaultSeed = 20261129;
    private const int DefaultPerOperation = 45;
    private const int Senders = 4;

    [Fact]
    public async Task EveryOperation_UnderThousandsOfBadRequests_NeverAnswers5xxOtherThan503()
    {
        var seed = Setting("RT_FUZZ_SEED", DefaultSeed);
        var perOperation = Setting("RT_FUZZ_PER_OPERATION", DefaultPerOperation);
        output.WriteLine($"fuzz seed {seed} (RT_FUZZ_SEED={seed} replays this run), a sweep plus {perOperation} random requests per operation");

        var user = app.CreateApiClient();
        var signup = await user.PostAsync("/api/v1/auth/signup", new { loginId = FuzzAppFactory.AdminLoginId, email = "fuzz@example.com", name = "Fuzz", password = ApiClient.Password });
        Assert.True(signup.Ok, signup.ToString());
        Assert.True((await user.LoginAsync(FuzzAppFactory.AdminLoginId, ApiClient.Password)).Ok);
        var book = await user.AddBookAsync();
        var memo = await user.AddMemoAsync(book, "2026-11-02T10:00:00");
        var realIds = new Dictionary<string, string>
        {
            ["userBookId"] = book.ToString(CultureInfo.InvariantCulture),
            ["memoId"] = memo.ToString(CultureInfo.InvariantCulture),
            ["isbn"] = "9788936434595",
        };

        using var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"));
        var openApi = new OpenApiOperations(document.RootElement);
        var operations = openApi.All();
        Assert.True(operations.Count >= 40, $"the document lists only {operations.Count} operations");
        var generator = new FuzzRequests(openApi, new Random(seed), realIds);
        // The sweep first (each critical value at each parameter and property once, on the real book and memo), then
        // the random requests, which may delete that book. Each part shuffled, so an operation that ends the session
        // or removes the book does so part-way, not before the rest.
        var sweep = operations.SelectMany(generator.Sweep).ToArray();
        var randomly = operations.SelectMany(o => Enumerable.Range(0, perOperation).Select(_ => generator.Next(0, o))).ToArray();
        var shuffle = new Random(seed);
        shuffle.Shuffle(sweep);
        shuffle.Shuffle(randomly);
        var requests = sweep.Concat(randomly).Select((request, i) => request with { Index = i }).ToList();

        // The auth operations (logout among them) get a session of their own, so they cannot end the one the rest use.
        var other = app.CreateApiClient();
        Assert.True((await other.LoginAsync(FuzzAppFactory.AdminLoginId, ApiClient.Password)).Ok);

        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var part in new[] { requests[..sweep.Length], requests[sweep.Length..] })
        {
            await Parallel.ForEachAsync(part, new ParallelOptions { MaxDegreeOfParallelism = Senders }, async (request, ct) =>
            {
                var token = request.Operation.Path.StartsWith("/api/v1/auth/", StringComparison.Ordinal) ? other.AccessToken! : user.AccessToken!;
                var (status, answer) = await TrySendAsync(token, request, ct);
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (status >= 500 && status != 503)
                {
                    failures.Add($"{status} {answer}\n    for {request}");
                }
            });
        }

        output.WriteLine($"{requests.Count} requests over {operations.Count} operations in {clock.Elapsed.TotalSeconds:F1} s; statuses: "
            + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(failures.IsEmpty, $"seed {seed}: {failures.Count} requests answered 5xx:\n" + string.Join("\n", failures.Take(15)));
    }

    private async Task<(int Status, string Answer)> TrySendAsync(string token, FuzzRequest request, CancellationToken ct)
    {
        try
        {
            return await SendAsync(token, request, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or IOException)
        {
            // The in-memory server hands an exception nothing caught to the client instead of answering 500.
            return (599, ex.GetType().Name + ": " + ex.Message);
        }
    }

    private async Task<(int Status, string Answer)> SendAsync(string token, FuzzRequest request, CancellationToken ct)
    {
        using var http = app.CreateClient();
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
        message.Headers.Authorization = request.Auth switch
        {
            FuzzAuth.User => new AuthenticationHeaderValue("Bearer", token),
            FuzzAuth.Forged => new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.forged"),
            _ => null,
        };
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (!string.IsNullOrEmpty(request.ContentType))
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        using var response = await http.SendAsync(message, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return ((int)response.StatusCode, text.Length > 300 ? text[..300] : text);
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
