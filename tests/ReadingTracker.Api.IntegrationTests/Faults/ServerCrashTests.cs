using ReadingTracker.Api.IntegrationTests.Faults.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ReadingTracker.Api.IntegrationTests.Faults;

/// <summary>
/// The server process itself dies (SIGKILL) at random moments while clients post 100-memo batches, twenty times;
/// the clients retry every unacknowledged batch, as the offline client does. Afterwards every acknowledged memo is
/// on both masters exactly once and the consistency check is clean, with nobody acting. Guards the defect where a
/// kill between the Primary and the Secondary commit left whole batches on Primary only, and the retry was
/// answered 200 from Primary. Runs on the provider under test (the SQLite pair or the shared MariaDB pair): no
/// database is harmed, only the server. With database kills too, see <see cref="ChaosTest"/>.
/// </summary>
[Trait("Category", "ServerCrash")]
public sealed class ServerCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rt-crash-").FullName;
    private (string Primary, string Secondary) _masters;

    public async Task InitializeAsync() => _masters = await TestDatabases.CreatePairAsync(_directory);

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold a file for a moment; the OS cleans its temp folder.
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task ServerKilledDuringConcurrentBatchWrites_EveryAcknowledgedMemoEndsOnBothMastersOnce_AndTheCheckIsClean()
    {
        await using var run = new ServerKillRun(_masters.Primary, _masters.Secondary, _directory, output);
        await run.RunAsync(kills: 20);
    }
}
