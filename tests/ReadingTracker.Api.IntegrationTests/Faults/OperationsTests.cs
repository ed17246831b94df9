using System.Diagnostics;
using System.Net;
using ReadingTracker.Api.IntegrationTests.Faults.Infrastructure;
using static ReadingTracker.Api.IntegrationTests.Faults.FaultTestData;

namespace ReadingTracker.Api.IntegrationTests.Faults;

/// <summary>The operator's view (docs/contract.md §6.5 and §3.8): admin access, consistency check and repair (API and command line), health and counters.</summary>
[Collection(FaultsCollection.Name)]
[Trait("Category", "Faults")]
public sealed class OperationsTests(MariaDbPair pair)
{
    public static TheoryData<string, string> AdminEndpoints => new()
    {
        { "GET", "/api/v1/admin/recovery" },
        { "POST", "/api/v1/admin/recovery/run" },
        { "GET", "/api/v1/admin/consistency" },
        { "POST", "/api/v1/admin/consistency/repair?from=Primary" },
    };

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task AdminEndpoint_Rejects_Anonymous401_AndNonAdmin403_AndServesAdmins(string method, string url)
    {
        await using var app = await FaultApp.StartAsync(pair);
        var reader = await app.CreateApiClient().SignUpAndLoginAsync("r");
        var admin = await app.AdminClientAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateApiClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), url))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.SendAsync(new HttpRequestMessage(new HttpMethod(method), url))).Status);
        var served = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
        Assert.True(served.Ok, served.ToString());
    }

    [Fact]
    public async Task ConsistencyCheck_ListsARowChangedOnOneMaster_AndRepairCopiesTheChosenSide()
    {
        await using var app = await FaultApp.StartAsync(pair);
        var admin = await app.AdminClientAsync();
        var (client, book) = await app.ReaderWithBookAsync();
        var memo = (await client.CreateMemoAsync(book, NewClientId(), "original")).Data.GetProperty("id").GetInt64();
        await FaultSql.ExecuteAsync(app.Secondary, "UPDATE memo SET content = 'tampered' WHERE id = @memo", new { memo });
        await FaultSql.ExecuteAsync(app.Secondary, "DELETE FROM memo_tags WHERE memo_id = @memo", new { memo });

        var report = await admin.GetAsync("/api/v1/admin/consistency");

        Assert.False(report.Data.GetProperty("consistent").GetBoolean());
        var differences = report.Data.GetProperty("differences").EnumerateArray().Select(d => (d.GetProperty("table").GetString(), d.GetProperty("id").GetInt64(), d.GetProperty("kind").GetString())).ToList();
        Assert.Contains(("memo", memo, "different"), differences);
        Assert.Contains(differences, d => d.Item1 == "memo_tags" && d.Item3 == "missing_on_secondary");
        Assert.Equal(2, differences.Count);

        var repair = await admin.PostAsync("/api/v1/admin/consistency/repair?from=Primary");
        Assert.Equal(2, repair.Data.GetProperty("repairedRows").GetInt32());
        Assert.Equal("original", await FaultSql.ScalarAsync<string>(app.Secondary, "SELECT content FROM memo WHERE id = @memo", new { memo }));
        Assert.True((await admin.GetAsync("/api/v1/admin/consistency")).Data.GetProperty("consistent").GetBoolean());
    }

    [Fact]
    public async Task ConsistencyCommandLine_ExitsOneWithTheDifferences_AndRepairFromSecondaryCopiesSecondaryOver()
    {
        await using var app = await FaultApp.StartAsync(pair);
        var (client, book) = await app.ReaderWithBookAsync();
        var memo = (await client.CreateMemoAsync(book, NewClientId(), "original")).Data.GetProperty("id").GetInt64();
        await FaultSql.ExecuteAsync(app.Primary, "UPDATE memo SET content = 'fixed by hand on Secondary?' WHERE id = @memo", new { memo });

        var (checkExit, checkOutput) = await RunServerAsync(app, "consistency", "check");
        Assert.Equal(1, checkExit);
        Assert.Contains($"{memo}", checkOutput, StringComparison.Ordinal);
        Assert.Contains("different", checkOutput, StringComparison.Ordinal);

        var (repairExit, repairOutput) = await RunServerAsync(app, "consistency", "repair", "--from", "Secondary");
        Assert.Equal(0, repairExit);
        Assert.Contains("1 rows copied from Secondary", repairOutput, StringComparison.Ordinal);
        Assert.Equal("original", await FaultSql.ScalarAsync<string>(app.Primary, "SELECT content FROM memo WHERE id = @memo", new { memo }));
        Assert.Equal(0, (await RunServerAsync(app, "consistency", "check")).Exit);
        await app.AssertConsistentAsync();
    }

    [Fact]
    public async Task Health_WithSecondaryDown_IsDegradedWithABacklog_AndMetricsCountTheFaults()
    {
        await using var app = await FaultApp.StartAsync(pair);
        var (client, book) = await app.ReaderWithBookAsync();
        await pair.KillAsync(MariaDbPair.SecondaryServer);
        AssertUnavailable(await client.CreateMemoAsync(book, NewClientId()));

        var health = await app.CreateApiClient().GetAsync("/api/v1/health");

        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal("DEGRADED", health.Body.GetProperty("status").GetString());
        var masters = health.Body.GetProperty("masters").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("state").GetString());
        Assert.Equal("UP", masters["Primary"]);
        Assert.Equal("DOWN", masters["Secondary"]);
        Assert.Equal(1, health.Body.GetProperty("recovery").GetProperty("open").GetInt32());
        var metrics = await (await app.CreateClient().GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Contains("rt_dual_writes_total{outcome=\"secondary_failed\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("rt_compensations_total{outcome=\"ok\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("rt_recovery_events_total{outcome=\"recorded\"}", metrics, StringComparison.Ordinal);

        await pair.StartAsync(MariaDbPair.SecondaryServer);
        await pair.KillAsync(MariaDbPair.PrimaryServer);
        Assert.True((await client.GetAsync("/api/v1/users/me")).Ok);
        metrics = await (await app.CreateClient().GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Contains("rt_read_failovers_total", metrics, StringComparison.Ordinal);
        Assert.Contains("rt_primary_circuit_opened_total", metrics, StringComparison.Ordinal);
        await pair.StartAsync(MariaDbPair.PrimaryServer);
        await app.DrainRecoveryAsync();
        await app.AssertConsistentAsync();
    }

    /// <summary>The server's own command-line verb, as an operator runs it: the built server DLL with configuration in the environment.</summary>
    private static async Task<(int Exit, string Output)> RunServerAsync(FaultApp app, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ReadingTracker.Api.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = app.DataDirectoryPath,
        };
        start.Environment["Database__Provider"] = "MySql";
        start.Environment["ConnectionStrings__Primary"] = app.Primary;
        start.Environment["ConnectionStrings__Secondary"] = app.Secondary;
        start.Environment["ConnectionStrings__Redis"] = "";
        start.Environment["Storage__DataDirectory"] = app.DataDirectoryPath;
        start.Environment["Jwt__Secret"] = "integration-tests-secret-of-at-least-32-bytes!";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
