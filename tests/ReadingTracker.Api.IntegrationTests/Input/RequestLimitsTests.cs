using System.Net;
using System.Text;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Input;

/// <summary>
/// Over-large requests get 413, 414 or 431 in the envelope, over a real socket. A chunked body over the limit
/// with an Idempotency-Key once answered 500 (the fingerprint buffer overflowed), and a 100 KB header got
/// Kestrel's bare 431, which no client can read.
/// </summary>
public sealed class RequestLimitsTests(KestrelAppFactory app) : IClassFixture<KestrelAppFactory>
{
    private const int OverLimit = (4 * 1024 * 1024) + (512 * 1024);

    /// <summary>A JSON body of the given size whose length is not known up front: HttpClient sends it chunked.</summary>
    private sealed class ChunkedJson(int bytes) : HttpContent
    {
        public ChunkedJson() : this(OverLimit) => Headers.ContentType = new("application/json");

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes("{\"memos\":[{\"content\":\""));
            var block = Encoding.UTF8.GetBytes(new string('가', 1000));
            for (var sent = 0; sent < bytes; sent += block.Length)
            {
                await stream.WriteAsync(block);
            }

            await stream.WriteAsync(Encoding.UTF8.GetBytes("\"}]}"));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static void AssertEnvelope(ApiResult result, HttpStatusCode status, string code)
    {
        Assert.Equal(status, result.Status);
        Assert.Equal(code, result.ErrorCode);
        Assert.StartsWith("application/json", result.Response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    private async Task<ApiResult> PostBatchAsync(HttpContent content, bool idempotencyKey)
    {
        var client = await app.CreateSocketClient().SignUpAndLoginAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/memos/batch") { Content = content };
        if (idempotencyKey)
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task ChunkedBodyOverLimit_WithoutIdempotencyKey_Returns413()
    {
        var result = await PostBatchAsync(new ChunkedJson(), idempotencyKey: false);

        AssertEnvelope(result, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
    }

    [Fact]
    public async Task ChunkedBodyOverLimit_WithIdempotencyKey_Returns413()
    {
        var result = await PostBatchAsync(new ChunkedJson(), idempotencyKey: true);

        AssertEnvelope(result, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ContentLengthOverLimit_Returns413(bool idempotencyKey)
    {
        var body = new ByteArrayContent(new byte[OverLimit]);
        body.Headers.ContentType = new("application/json");

        var result = await PostBatchAsync(body, idempotencyKey);

        AssertEnvelope(result, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
    }

    [Fact]
    public async Task HugeHeader_Returns431WithEnvelope()
    {
        var client = await app.CreateSocketClient().SignUpAndLoginAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/me");
        request.Headers.Add("X-Filler", new string('x', 100 * 1024));
        request.Headers.AcceptLanguage.ParseAdd("en");

        var result = await client.SendAsync(request);

        AssertEnvelope(result, HttpStatusCode.RequestHeaderFieldsTooLarge, "HEADERS_TOO_LARGE");
        Assert.Equal("The request headers are too large.", result.Body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task LongRequestLine_Returns414WithEnvelope()
    {
        var client = await app.CreateSocketClient().SignUpAndLoginAsync();

        var result = await client.GetAsync("/api/v1/today-flow?date=" + new string('9', 20 * 1024));

        AssertEnvelope(result, HttpStatusCode.RequestUriTooLong, "URI_TOO_LONG");
    }

    [Fact]
    public async Task BodyJustUnderTheLimit_IsStillRead()
    {
        var client = await app.CreateSocketClient().SignUpAndLoginAsync();

        var result = await client.SendRawAsync(HttpMethod.Post, "/api/v1/memos/batch", "{\"memos\":[]," + new string(' ', 3 * 1024 * 1024) + "\"x\":1}");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("memos", result.ErrorFields);
    }
}
