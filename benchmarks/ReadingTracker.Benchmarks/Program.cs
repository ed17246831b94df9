using System.Diagnostics;
using System.Globalization;
using ReadingTracker.Benchmarks;

// Fault-tolerance and idempotency costs, measured over real HTTP against a MariaDB pair on loopback.
//   dotnet run -c Release --project benchmarks/ReadingTracker.Benchmarks [-- --clients 8 --seconds 15]
//   ... -- --cluster: only the memo create, on one MariaDB, on the dual master, and on a 3-node Galera cluster with one
//   server instance and with two (the clients split between them) — services.sh galera-start, own ports from RT_GALERA_*.
//   ... -- --baseline DIR [--rounds 4]: only the memo create, one master and two, alternating between the server built in DIR
//   (an earlier commit) and this one, so a change's write cost is measured under the same machine load. With --batch, the
//   operation is the offline sync's POST /memos/batch of 100 creates instead (use --clients 1: the client sends one at a time).
//   ... -- --search [--memos 100000] [--provider both|mariadb|sqlite]: memo search latency for one reader with that many
//   memos, on the MariaDB pair and on the SQLite pair (SearchBenchmark.cs).
// Starts its own MariaDB pair and Redis (scripts/services.sh, own folder and ports) and the built server
// as a separate process; prints markdown tables for docs/benchmarks.md.
var clients = Option("--clients", 8);
var seconds = TimeSpan.FromSeconds(Option("--seconds", 15));
var repository = FindRepository();
var results = new List<LoadResult>();
var timings = new List<(string Fault, double Milliseconds)>();

await using var services = new Services(repository);
await services.StartAllAsync();

if (args.Contains("--cluster"))
{
    return await CompareTopologiesAsync();
}

if (args.Contains("--search"))
{
    var provider = Array.IndexOf(args, "--provider") is var p and >= 0 && p + 1 < args.Length ? args[p + 1] : "both";
    return await SearchBenchmark.RunAsync(services, Option("--memos", 100_000), provider, Option("--rounds", 200));
}

if (Array.IndexOf(args, "--baseline") is var at and >= 0)
{
    return await CompareWithBaselineAsync(args[at + 1], Option("--rounds", 4));
}

// 1. Memo create: one master vs two.
await using (var single = await ServerProcess.StartAsync(await services.CreateDatabaseAsync("db1", "bench_single"), null, null))
{
    results.Add(await Load.RunAsync("memo create, one master", await ReadersAsync(single.Url), seconds, r => r.CreateMemoAsync(false)));
}

await using (var dual = await ServerProcess.StartAsync(await services.CreateDatabaseAsync("db1", "bench_dual"), await services.CreateDatabaseAsync("db2", "bench_dual"), null))
{
    var readers = await ReadersAsync(dual.Url);
    results.Add(await Load.RunAsync("memo create, two masters", readers, seconds, r => r.CreateMemoAsync(false)));

    // 2. Reads while Primary is healthy, dead (SIGKILL), and the time the first read takes to succeed.
    results.Add(await Load.RunAsync("shelf read, Primary healthy", readers, seconds, r => r.ReadShelfAsync()));
    var pid = services.PidOf("db1");
    timings.Add(("Primary SIGKILL → first successful read", await Load.TimeToFirstSuccessAsync(readers[0], () => Process.GetProcessById(pid).Kill())));
    results.Add(await Load.RunAsync("shelf read, Primary dead (SIGKILL)", readers, seconds, r => r.ReadShelfAsync()));
    await services.RunAsync("kill-db", "db1"); // forget the dead process's pid file
    await services.RunAsync("start-db", "db1");
    await WaitForPrimaryAsync(readers[0]);

    // 3. A hung Primary (SIGSTOP): connections open, nothing answers.
    pid = services.PidOf("db1");
    timings.Add(("Primary SIGSTOP → first successful read", await Load.TimeToFirstSuccessAsync(readers[0], () => Signal("STOP", pid))));
    results.Add(await Load.RunAsync("shelf read, Primary hung (SIGSTOP)", readers, seconds, r => r.ReadShelfAsync()));
    Signal("CONT", pid);
}

// 4. Idempotency-Key (Redis store): the same server, the same run, without and with the header.
await using (var keyed = await ServerProcess.StartAsync(await services.CreateDatabaseAsync("db1", "bench_keys"), await services.CreateDatabaseAsync("db2", "bench_keys"), services.Redis))
{
    // Alternating halves, so that a slow moment of the shared machine does not land on one side only.
    var readers = await ReadersAsync(keyed.Url);
    var half = seconds / 2;
    var runs = new List<LoadResult>();
    for (var round = 0; round < 2; round++)
    {
        runs.Add(await Load.RunAsync("memo create, two masters + Redis, no Idempotency-Key", readers, half, r => r.CreateMemoAsync(false)));
        runs.Add(await Load.RunAsync("memo create, two masters + Redis, with Idempotency-Key", readers, half, r => r.CreateMemoAsync(true)));
    }

    results.AddRange(runs.GroupBy(r => r.Scenario).Select(g => g.First() with
    {
        Ok = g.Sum(r => r.Ok), Failed = g.Sum(r => r.Failed), Seconds = g.Sum(r => r.Seconds), PerSecond = g.Sum(r => r.Ok) / g.Sum(r => r.Seconds),
        P50 = g.Average(r => r.P50), P99 = g.Max(r => r.P99),
    }));
}

Console.WriteLine($"Run {TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}, {Environment.ProcessorCount} cores, {clients} concurrent clients, {seconds.TotalSeconds:F0} s per scenario, MariaDB pair and server on loopback.");
Console.WriteLine();
Console.WriteLine("| scenario | ok | failed | req/s | p50 ms | p99 ms |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Scenario} | {r.Ok} | {r.Failed} | {r.PerSecond:F1} | {r.P50:F1} | {r.P99:F1} |"));
}

Console.WriteLine();
Console.WriteLine("| fault | time to first successful read (ms) |");
Console.WriteLine("|---|---:|");
foreach (var (fault, ms) in timings)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {fault} | {ms:F0} |"));
}

double Rate(string scenario) => results.Single(r => r.Scenario == scenario).PerSecond;
double P99(string scenario) => results.Single(r => r.Scenario == scenario).P99;
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- create throughput, two masters / one master: {Rate("memo create, two masters") / Rate("memo create, one master"):F2} (goal ≥ 0.7)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- read p99, Primary dead / healthy: {P99("shelf read, Primary dead (SIGKILL)") / P99("shelf read, Primary healthy"):F2} (goal ≤ 2)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- read p99, Primary hung / healthy: {P99("shelf read, Primary hung (SIGSTOP)") / P99("shelf read, Primary healthy"):F2}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- Idempotency-Key overhead on create throughput: {(1 - Rate("memo create, two masters + Redis, with Idempotency-Key") / Rate("memo create, two masters + Redis, no Idempotency-Key")) * 100:F1} % (goal ≤ 10 %)"));
return 0;

// Alternating rounds on fresh database pairs: baseline, current, baseline, current..., for one master and for two.
async Task<int> CompareWithBaselineAsync(string baseline, int rounds)
{
    var batch = args.Contains("--batch");
    var operation = batch ? "batch of 100 memos" : "memo create";
    var rates = new Dictionary<string, List<LoadResult>>();
    for (var round = 0; round < rounds; round++)
    {
        foreach (var dual in new[] { false, true })
        {
            // Who goes first alternates by round: the first server on a fresh pair meets a colder MariaDB.
            var builds = new[] { ("baseline", baseline), ("current", (string?)null) };
            foreach (var (name, directory) in round % 2 == 0 ? builds : [builds[1], builds[0]])
            {
                var mode = dual ? "two masters" : "one master";
                var database = $"bench_cmp_{name}_{(dual ? "dual" : "single")}_{round}";
                await using var server = await ServerProcess.StartAsync(
                    await services.CreateDatabaseAsync("db1", database), dual ? await services.CreateDatabaseAsync("db2", database) : null, null, directory);
                var readers = await ReadersAsync(server.Url);
                int[] pids = [server.Pid, services.PidOf("db1"), services.PidOf("db2"), Environment.ProcessId];
                var before = pids.Select(CpuSeconds).ToArray();
                var result = await Load.RunAsync($"{operation}, {mode}, {name}", readers, seconds, r => batch ? r.CreateMemoBatchAsync(100) : r.CreateMemoAsync(false));
                var cpu = pids.Select((pid, i) => (CpuSeconds(pid) - before[i]) * 1000 / Math.Max(1, result.Ok)).ToArray();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"|   | CPU ms per {operation} (server pid {server.Pid}) | server {cpu[0]:F2} | db1 {cpu[1]:F2} | db2 {cpu[2]:F2} | load {cpu[3]:F2} | total {cpu.Sum():F2} |"));
                (rates.TryGetValue($"{mode}, {name}", out var list) ? list : rates[$"{mode}, {name}"] = []).Add(result);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {round + 1} | {mode} | {name} | {result.Ok} | {result.Failed} | {result.PerSecond:F1} | {result.P50:F1} | {result.P99:F1} |"));
            }
        }
    }

    double RateOf(string key) => rates[key].Sum(r => r.Ok) / rates[key].Sum(r => r.Seconds);
    foreach (var name in new[] { "baseline", "current" })
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- {name}: one master {RateOf($"one master, {name}"):F1} req/s, two masters {RateOf($"two masters, {name}"):F1} req/s, two / one = {RateOf($"two masters, {name}") / RateOf($"one master, {name}"):F2}"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"- current / baseline: one master {RateOf("one master, current") / RateOf("one master, baseline"):F2}, two masters {RateOf("two masters, current") / RateOf("two masters, baseline"):F2}"));
    return 0;
}

// Memo create on each topology in one run: one MariaDB, the dual master, Galera with one instance and with two.
async Task<int> CompareTopologiesAsync()
{
    await services.RunAsync("galera-start");
    var cluster = new Dictionary<string, string> { ["Database__Topology"] = "Cluster" };
    var rows = new List<LoadResult>();
    await using (var single = await ServerProcess.StartAsync(await services.CreateDatabaseAsync("db1", "bench_t_single"), null, null))
    {
        rows.Add(await Load.RunAsync("one MariaDB", await ReadersAsync(single.Url), seconds, r => r.CreateMemoAsync(false)));
    }

    await using (var dual = await ServerProcess.StartAsync(
        await services.CreateDatabaseAsync("db1", "bench_t_dual"), await services.CreateDatabaseAsync("db2", "bench_t_dual"), null))
    {
        rows.Add(await Load.RunAsync("dual master (application)", await ReadersAsync(dual.Url), seconds, r => r.CreateMemoAsync(false)));
    }

    var galera = await services.CreateClusterDatabaseAsync("bench_t_galera");
    await using (var one = await ServerProcess.StartAsync(galera, null, null, settings: cluster))
    {
        rows.Add(await Load.RunAsync("Galera 3 nodes, one instance", await ReadersAsync(one.Url), seconds, r => r.CreateMemoAsync(false)));
        await using var two = await ServerProcess.StartAsync(galera, null, null, settings: cluster);
        // A balancer's split: half the clients on each instance.
        var readers = (await Task.WhenAll(Enumerable.Range(0, clients).Select(i => Reader.CreateAsync(i % 2 == 0 ? one.Url : two.Url)))).ToList();
        rows.Add(await Load.RunAsync("Galera 3 nodes, two instances", readers, seconds, r => r.CreateMemoAsync(false)));
    }

    await services.RunAsync("galera-stop");
    Console.WriteLine($"Run {TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}, {Environment.ProcessorCount} cores shared by every process, {clients} concurrent clients, {seconds.TotalSeconds:F0} s per scenario, memo create over HTTP.");
    Console.WriteLine();
    Console.WriteLine("| topology | ok | failed | req/s | p50 ms | p99 ms | / one MariaDB |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
    foreach (var r in rows)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {r.Scenario} | {r.Ok} | {r.Failed} | {r.PerSecond:F1} | {r.P50:F1} | {r.P99:F1} | {r.PerSecond / rows[0].PerSecond:F2} |"));
    }

    return 0;
}

async Task<IReadOnlyList<Reader>> ReadersAsync(string url) => await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Reader.CreateAsync(url)));

static async Task WaitForPrimaryAsync(Reader reader)
{
    // The breaker probes Primary again after its break (5 s); wait until a read is served by Primary.
    await Task.Delay(TimeSpan.FromSeconds(6));
    await reader.ReadShelfAsync();
}

// CPU seconds (user + system) a process has used so far, from /proc; clock ticks are 100 per second on Linux.
static double CpuSeconds(int pid)
{
    var stat = File.ReadAllText($"/proc/{pid}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
}

static void Signal(string signal, int pid) => Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static string FindRepository()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "ReadingTracker.slnx")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the repository.");
}
