using System.Net;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Instances;

/// <summary>
/// Issue 15: without a configured Jwt:Secret, every instance signs with the key in the database, so a token from
/// one instance works on any other (before, each generated its own key in its data folder: 401 on the other).
/// </summary>
public sealed class SharedSigningKeyTests
{
    [Fact]
    public async Task TokenFromInstanceA_IsAcceptedByInstanceB_WithoutAConfiguredSecret()
    {
        await using var a = await InstanceFactory.FirstAsync();
        var client = await a.CreateApiClient().SignUpAndLoginAsync();
        await using var b = InstanceFactory.Join(a);

        var onB = b.CreateApiClient();
        onB.UseToken(client.AccessToken);

        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/v1/users/me")).Status);
        var kid = new JsonWebToken(client.AccessToken).Kid;
        Assert.Equal(kid, await MasterSql.ScalarAsync<string>(a.Primary, "SELECT kid FROM signing_keys WHERE generation = 1"));
        Assert.Equal(kid, await MasterSql.ScalarAsync<string>(a.Secondary, "SELECT kid FROM signing_keys WHERE generation = 1"));
    }

    [Fact]
    public async Task TwoInstancesStartingAtOnce_AgreeOnOneKey_OnBothMasters()
    {
        await using var a = await InstanceFactory.FirstAsync();
        await using var b = InstanceFactory.Join(a);

        // Both create the first generation at the same moment: sign-ups on both at once.
        var clients = await Task.WhenAll(a.CreateApiClient().SignUpAndLoginAsync(), b.CreateApiClient().SignUpAndLoginAsync());

        foreach (var (client, other) in new[] { (clients[0], b), (clients[1], a) })
        {
            var crossed = other.CreateApiClient();
            crossed.UseToken(client.AccessToken);
            Assert.Equal(HttpStatusCode.OK, (await crossed.GetAsync("/api/v1/users/me")).Status);
        }

        foreach (var master in new[] { a.Primary, a.Secondary })
        {
            Assert.Equal(1, await MasterSql.CountAsync(master, "SELECT COUNT(*) FROM signing_keys"));
        }

        Assert.Equal(
            await MasterSql.ScalarAsync<string>(a.Primary, "SELECT secret FROM signing_keys"),
            await MasterSql.ScalarAsync<string>(a.Secondary, "SELECT secret FROM signing_keys"));
    }

    [Fact]
    public async Task TokenSignedWithANewerGeneration_IsAcceptedByAnInstanceThatHasNotLoadedItYet()
    {
        await using var a = await InstanceFactory.FirstAsync();
        var client = await a.CreateApiClient().SignUpAndLoginAsync();
        await using var b = InstanceFactory.Join(a);
        Assert.Equal(HttpStatusCode.OK, (await Use(b, client.AccessToken).GetAsync("/api/v1/users/me")).Status);

        // A rotation: generation 2 appears in the database after B loaded generation 1.
        var secret = new byte[64];
        Random.Shared.NextBytes(secret);
        foreach (var master in new[] { a.Primary, a.Secondary })
        {
            await MasterSql.ExecuteAsync(master, "INSERT INTO signing_keys (generation, kid, secret, created_at) VALUES (2, 'rotated2', @secret, 0)",
                new { secret = Convert.ToBase64String(secret) });
        }

        var resigned = Resign(client.AccessToken!, new SymmetricSecurityKey(secret) { KeyId = "rotated2" });
        Assert.Equal(HttpStatusCode.OK, (await Use(b, resigned).GetAsync("/api/v1/users/me")).Status);

        var unknown = Resign(client.AccessToken!, new SymmetricSecurityKey(secret) { KeyId = "nowhere" });
        Assert.Equal("INVALID_TOKEN", (await Use(b, unknown).GetAsync("/api/v1/users/me")).ErrorCode);
    }

    private static ApiClient Use(AppFactory instance, string? token)
    {
        var client = instance.CreateApiClient();
        client.UseToken(token);
        return client;
    }

    private static string Resign(string token, SymmetricSecurityKey key)
    {
        var original = new JsonWebToken(token);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = original.Issuer,
            Audience = original.Audiences.Single(),
            IssuedAt = original.IssuedAt,
            NotBefore = original.ValidFrom,
            Expires = original.ValidTo,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity(original.Claims.Where(c => c.Type is "sub" or "login_id" or "role" or "typ" or "did" or "sid")),
        });
    }
}
