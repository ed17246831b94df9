using System.Text.Json;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Consistency;

/// <summary>
/// Command-line verbs of the server:
///   consistency check                       list every row that differs between the masters (exit 1 if any)
///   consistency repair --from Primary|Secondary   copy that side over the other for those rows
/// </summary>
public static class ConsistencyCommand
{
    private static readonly JsonSerializerOptions Output = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "consistency";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var masters = app.Services.GetRequiredService<Masters>();
        var migrator = app.Services.GetRequiredService<SchemaMigrator>();
        foreach (var master in masters.All)
        {
            await migrator.EnsureMigratedAsync(master, CancellationToken.None);
        }

        var checker = new ConsistencyChecker(masters);
        switch (args.Skip(1).FirstOrDefault())
        {
            case "check":
                var report = await checker.CheckAsync(CancellationToken.None);
                Console.WriteLine(JsonSerializer.Serialize(report, Output));
                return report.Consistent ? 0 : 1;
            case "repair" when args.Length == 4 && args[2] == "--from" && Enum.TryParse<MasterRole>(args[3], ignoreCase: true, out var from):
                var repaired = await checker.RepairAsync(from, CancellationToken.None);
                Console.WriteLine($"{repaired} rows copied from {from}.");
                return 0;
            default:
                Console.Error.WriteLine("usage: consistency check | consistency repair --from Primary|Secondary");
                return 2;
        }
    }
}
