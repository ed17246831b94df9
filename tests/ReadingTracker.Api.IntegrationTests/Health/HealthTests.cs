using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Health;

public sealed class HealthTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Health_IsPublic_AndReportsBothMastersUp()
    {
        var result = await app.CreateApiClient().GetAsync("/api/v1/health");
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("UP", result.Body.GetProperty("status").GetString());
        Assert.Equal(2, result.Body.GetProperty("masters").GetArrayLength());
    }

    [Fact]
    public async Task HeadHealth_Answers200WithoutToken_EvenWithAnInvalidOne()
    {
        var client = app.CreateApiClient();
        client.UseToken("not-a-jwt");
        var result = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/health"));
        Assert.Equal(HttpStatusCode.OK, result.Status);
    }

    [Fact]
    public async Task UnknownApiPath_Returns404InTheEnvelope()
    {
        var result = await app.CreateApiClient().GetAsync("/api/v1/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal("NOT_FOUND", result.ErrorCode);
    }
}
