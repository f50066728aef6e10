using System.Diagnostics;
using System.Globalization;
using ChaosLab.Experimenter.Analysis;
using ChaosLab.Experimenter.Prometheus;
using ChaosLab.Tests.Support;
using ChaosLab.Tests.Support.SpanMetrics;

// Analysis of a 1-hour window at 5 s resolution for every demo service (docs/upstream-facts.md), against a real Prometheus.
// Usage: AnalyzeBench [chaoslab.dll]  — with the dll, also times one `chaoslab analyze` process per service.
string[] services =
[
    "accounting", "ad", "agent", "astronomy-db", "cart", "chatbot", "checkout", "currency", "email", "flagd",
    "fraud-detection", "frontend", "frontend-proxy", "image-provider", "kafka", "load-generator", "mcp", "opamp-server",
    "payment", "product-catalog", "quote", "recommendation", "shipping", "telemetry-docs", "valkey-cart",
];

var interval = TimeSpan.FromSeconds(5);
var origin = DateTimeOffset.FromUnixTimeSeconds((DateTimeOffset.UtcNow.AddHours(-4).ToUnixTimeSeconds() / 60) * 60);
var from = origin.AddSeconds(60);
var faultStart = from.AddMinutes(30);
var faultEnd = faultStart.AddMinutes(5);
var to = from.AddHours(1);
var samples = (int)((to - origin) / interval) + 3;

var timelines = services.Select((s, i) => new ServiceTimeline
{
    Service = s,
    Start = origin.AddSeconds(1.3),
    Interval = interval,
    Samples = samples,
    Noise = 0.1,
    Seed = i + 1,
    State = offset =>
    {
        var t = origin.AddSeconds(1.3) + offset;
        var faulty = t >= faultStart.AddSeconds(i) && t < faultEnd.AddSeconds(30 + i);
        return new TrafficState(10 + i, faulty ? 0.4 : 0.01, faulty ? 250 : 30 + i);
    },
}).ToList();

var generate = Stopwatch.StartNew();
var text = SpanMetricsOpenMetrics.Write(timelines);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"timelines: {services.Length} services x {samples} samples x 6 series ({text.Length / 1024 / 1024} MiB OpenMetrics) in {generate.Elapsed.TotalSeconds:0.0} s"));

var backfill = Stopwatch.StartNew();
await using var server = await PrometheusServer.StartAsync(text, CancellationToken.None);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"backfill + Prometheus ready: {backfill.Elapsed.TotalSeconds:0.0} s at {server.BaseAddress}"));
text = null;
GC.Collect();

using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
var client = new PrometheusClient(http, new PrometheusClientOptions { BaseAddress = server.BaseAddress }, TimeProvider.System);
var analyzer = new ServiceAnalyzer(client);
var window = new AnalysisWindow(from, faultStart, faultEnd, to);

// Warm-up (JIT, connection) on one service, not counted.
await analyzer.AnalyzeAsync(new AnalysisRequest { Target = new SliTarget(services[0]), Window = window }, CancellationToken.None);

var before = GC.GetTotalAllocatedBytes(precise: true);
var wall = Stopwatch.StartNew();
var perService = new List<double>();
var detected = 0;
foreach (var service in services)
{
    var one = Stopwatch.StartNew();
    var report = await analyzer.AnalyzeAsync(new AnalysisRequest { Target = new SliTarget(service), Window = window }, CancellationToken.None);
    perService.Add(one.Elapsed.TotalMilliseconds);
    detected += report.Slis.Count(s => s.Analysis.DetectedAt is not null);
}

wall.Stop();
var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
using var self = Process.GetCurrentProcess();
self.Refresh();
perService.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"in-process: {services.Length} services x 5 SLIs (720 points each) in {wall.Elapsed.TotalSeconds:0.00} s; per service median {perService[perService.Count / 2]:0} ms, max {perService[^1]:0} ms; allocated {allocated / 1024.0 / 1024.0:0.0} MiB; peak working set of this process (includes generating the timelines) {self.PeakWorkingSet64 / 1024.0 / 1024.0:0} MiB; SLIs with a detected effect: {detected}"));

if (args.Length > 0)
{
    // One `chaoslab analyze` process per service, timed by /usr/bin/time (wall seconds and max RSS).
    var cli = Stopwatch.StartNew();
    var rss = new List<long>();
    foreach (var service in services)
    {
        var info = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[]
        {
            "-f", "%e %M", "dotnet", args[0], "analyze", "--prometheus", server.BaseAddress.ToString(), "--service", service,
            "--from", Unix(from), "--fault-start", Unix(faultStart), "--fault-end", Unix(faultEnd), "--to", Unix(to),
        })
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        await stdout;
        var last = stderr.Trim().Split('\n')[^1].Split(' ');
        rss.Add(long.Parse(last[1], CultureInfo.InvariantCulture));
        if (p.ExitCode != 0)
        {
            Console.WriteLine($"chaoslab analyze {service} exited {p.ExitCode}: {stderr}");
        }
    }

    rss.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"CLI: {services.Length} `chaoslab analyze` processes in {cli.Elapsed.TotalSeconds:0.0} s ({cli.Elapsed.TotalSeconds / services.Length:0.00} s each incl. .NET start-up); max RSS median {rss[rss.Count / 2] / 1024.0:0} MiB, max {rss[^1] / 1024.0:0} MiB"));
}

static string Unix(DateTimeOffset t) => (t.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
