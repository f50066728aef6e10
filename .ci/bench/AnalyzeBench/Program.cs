using System.Diagnostics;
using System.Globalization;
using ChaosLab.Bench;
using ChaosLab.Experimenter.Analysis;
using ChaosLab.Experimenter.Prometheus;
using ChaosLab.Tests.Support;
using ChaosLab.Tests.Support.SpanMetrics;

// `chaoslab analyze --all-services` against a real, backfilled Prometheus (issue 9):
// 1. The whole demo (25 services, 1 h at 5 s): the grouped queries alone, replayed raw (HttpClient, bodies read, not
//    parsed; the two instant queries one after the other, then the range queries concurrently, as chaoslab sends them),
//    against one whole `chaoslab analyze --all-services` process (.NET start-up included); and their ratio.
// 2. Per-service cost for 5, 25 and 100 services (20 min at 5 s): one process each, and in-process.
// Usage: AnalyzeBench <chaoslab.dll> [repetitions]
var chaoslab = args.Length > 0 ? args[0] : throw new ArgumentException("usage: AnalyzeBench <chaoslab.dll> [repetitions]");
var repetitions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
string[] demo =
[
    "accounting", "ad", "agent", "astronomy-db", "cart", "chatbot", "checkout", "currency", "email", "flagd",
    "fraud-detection", "frontend", "frontend-proxy", "image-provider", "kafka", "load-generator", "mcp", "opamp-server",
    "payment", "product-catalog", "quote", "recommendation", "shipping", "telemetry-docs", "valkey-cart",
];

var interval = TimeSpan.FromSeconds(5);
var origin = DateTimeOffset.FromUnixTimeSeconds((DateTimeOffset.UtcNow.AddHours(-4).ToUnixTimeSeconds() / 60) * 60);

Console.WriteLine($"# whole demo: {demo.Length} services, 1 h at 5 s ({repetitions} repetitions, medians)");
{
    var window = new AnalysisWindow(origin.AddSeconds(60), origin.AddSeconds(60).AddMinutes(30), origin.AddSeconds(60).AddMinutes(35), origin.AddSeconds(60).AddHours(1));
    await using var server = await Backfill(demo, window);
    var (queries, inProcess) = await Record(server.BaseAddress, window, null, demo.Length);
    var replay = await Replay(server.BaseAddress, queries);
    var process = await RunCliAsync(server.BaseAddress, window, ["--all-services"]);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"grouped queries alone ({queries.Count} requests, raw HttpClient): {replay:0} ms; chaoslab analyze --all-services process: {process:0} ms; ratio {process / replay:0.00} (target <= 1.5); in-process analysis {inProcess:0} ms"));
}

Console.WriteLine("# per-service cost: 100 services in Prometheus, 20 min at 5 s");
{
    var services = Enumerable.Range(0, 100).Select(i => string.Create(CultureInfo.InvariantCulture, $"svc-{i:000}")).ToArray();
    var window = new AnalysisWindow(origin.AddSeconds(60), origin.AddSeconds(60).AddMinutes(10), origin.AddSeconds(60).AddMinutes(12), origin.AddSeconds(60).AddMinutes(20));
    await using var server = await Backfill(services, window);
    foreach (var n in new[] { 5, 25, 100 })
    {
        var named = services.Take(n).ToArray();
        var (queries, inProcess) = await Record(server.BaseAddress, window, named, n);
        var replay = await Replay(server.BaseAddress, queries);
        var process = await RunCliAsync(server.BaseAddress, window, [.. named.SelectMany(s => new[] { "--service", s })]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{n,3} services: {queries.Count} requests; queries alone {replay:0} ms ({replay / n:0.0} ms/service); in-process {inProcess:0} ms ({inProcess / n:0.0} ms/service); process {process:0} ms ({process / n:0.0} ms/service, start-up included)"));
    }
}

async Task<PrometheusServer> Backfill(string[] names, AnalysisWindow window)
{
    var start = origin.AddSeconds(1.3);
    var samples = (int)((window.To - origin) / interval) + 3;
    var timelines = names.Select((s, i) => new ServiceTimeline
    {
        Service = s,
        Start = start,
        Interval = interval,
        Samples = samples,
        Noise = 0.1,
        Seed = i + 1,
        State = offset =>
        {
            var t = start + offset;
            var faulty = i % 3 == 0 && t >= window.FaultStart.AddSeconds(i % 20) && t < window.FaultEnd.AddSeconds(30);
            return new TrafficState(10 + (i % 40), faulty ? 0.4 : 0.01, faulty ? 250 : 30 + (i % 50));
        },
    }).ToList();
    var clock = Stopwatch.StartNew();
    var text = SpanMetricsOpenMetrics.Write(timelines);
    var size = text.Length / 1024 / 1024;
    var server = await PrometheusServer.StartAsync(text, CancellationToken.None);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"backfilled {names.Length} services x {samples} samples ({size} MiB OpenMetrics) in {clock.Elapsed.TotalSeconds:0} s"));
    return server;
}

// One in-process analysis through a recording client: the exact requests chaoslab sends, and the in-process time (median).
async Task<(List<(string Endpoint, KeyValuePair<string, string>[] Form)> Queries, double Milliseconds)> Record(Uri address, AnalysisWindow window, string[]? services, int expected)
{
    using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    var client = new PrometheusClient(http, new PrometheusClientOptions { BaseAddress = address }, TimeProvider.System);
    var recording = new RecordingPrometheus(client);
    var request = new ServicesAnalysisRequest { Scope = new ServiceScope(services), Window = window };
    var outcomes = await new ServiceAnalyzer(recording, recordMetrics: false).AnalyzeServicesAsync(request, CancellationToken.None);
    if (outcomes.Count(o => o.Report is not null) != expected)
    {
        throw new InvalidOperationException($"expected {expected} analysed services, got {outcomes.Count(o => o.Report is not null)}");
    }

    var times = new List<double>();
    for (var i = 0; i < repetitions; i++)
    {
        var clock = Stopwatch.StartNew();
        await new ServiceAnalyzer(client, recordMetrics: false).AnalyzeServicesAsync(request, CancellationToken.None);
        times.Add(clock.Elapsed.TotalMilliseconds);
    }

    return ([.. recording.Requests], Median(times));
}

// The requests replayed raw: instant queries one after the other, then the range queries together.
async Task<double> Replay(Uri address, List<(string Endpoint, KeyValuePair<string, string>[] Form)> queries)
{
    using var http = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
    async Task Send((string Endpoint, KeyValuePair<string, string>[] Form) q)
    {
        using var content = new FormUrlEncodedContent(q.Form);
        using var response = await http.PostAsync(q.Endpoint, content);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }

    await Send(queries[0]); // warm the connection
    var times = new List<double>();
    for (var i = 0; i < repetitions; i++)
    {
        var clock = Stopwatch.StartNew();
        foreach (var q in queries.Where(q => q.Endpoint == "api/v1/query"))
        {
            await Send(q);
        }

        await Task.WhenAll(queries.Where(q => q.Endpoint == "api/v1/query_range").Select(Send));
        times.Add(clock.Elapsed.TotalMilliseconds);
    }

    return Median(times);
}

// Whole `chaoslab analyze` processes (wall time, .NET start-up included), output read and discarded.
async Task<double> RunCliAsync(Uri address, AnalysisWindow window, string[] scope)
{
    var times = new List<double>();
    for (var i = 0; i < repetitions; i++)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { chaoslab, "analyze", "--prometheus", address.ToString(), "--from", Unix(window.From), "--fault-start", Unix(window.FaultStart), "--fault-end", Unix(window.FaultEnd), "--to", Unix(window.To) }.Concat(scope))
        {
            info.ArgumentList.Add(a);
        }

        var clock = Stopwatch.StartNew();
        using var p = System.Diagnostics.Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        await stdout;
        times.Add(clock.Elapsed.TotalMilliseconds);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"chaoslab analyze exited {p.ExitCode}: {stderr}");
        }
    }

    return Median(times);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

static string Unix(DateTimeOffset t) => (t.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
