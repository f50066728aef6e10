using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ChaosLab.Tests.Fakes.Kubernetes;

// The overhead of a `chaoslab run` process beyond its configured windows (baseline before + fault + baseline
// after), start-up included: the fake Kubernetes API server runs here on 127.0.0.1 with its simulated controllers'
// delays at zero, and each repetition starts the given chaoslab build as a separate process.
// Usage: RunOverhead <label> <repetitions> <command> [args…]   (the command runs chaoslab, e.g. `dotnet chaoslab.dll`
// or the apphost `chaoslab`), or RunOverhead --serve: prints the kubeconfig and the experiment file, serves until
// standard input closes (to look at one run by hand, e.g. under strace or perf).
var serve = args is ["--serve"];
if (args.Length < 3 && !serve)
{
    Console.Error.WriteLine("usage: RunOverhead <label> <repetitions> <chaoslab command> [args…]");
    return 2;
}

var zeroDelays = new FakeClusterOptions { InjectDelay = TimeSpan.Zero, RecoverDelay = TimeSpan.Zero, PodReplaceDelay = TimeSpan.Zero, PodReadyDelay = TimeSpan.Zero };
await using var cluster = await FakeCluster.StartAsync(zeroDelays);
var folder = Path.Combine(cluster.ScratchDirectory, "bench");
Directory.CreateDirectory(folder);
var file = Path.Combine(folder, "bench-delay.yaml");
var windows = TimeSpan.FromSeconds(2 + 3 + 2);
await File.WriteAllTextAsync(file, """
    name: bench-delay
    description: a 3 s network delay between two 2 s baselines (7 s of windows)
    namespace: otel-demo
    fault:
      chaos:
        kind: NetworkChaos
        spec:
          action: delay
          mode: all
          selector:
            labelSelectors:
              opentelemetry.io/name: product-catalog
          delay:
            latency: 100ms
    hypothesis:
      probes:
        - name: catalog-ready
          deploymentReady:
            deployment: product-catalog
            minReadyReplicas: 1
    timing:
      baseline: 2s
      faultDuration: 3s
      recoveryTimeout: 30s
      cooldown: 1s
      probeInterval: 1s
    """);

if (serve)
{
    Console.WriteLine($"--kubeconfig {cluster.KubeconfigPath} --context {FakeKubernetesApi.ContextName}");
    Console.WriteLine(file);
    await Console.In.ReadToEndAsync();
    return 0;
}

var label = args[0];
var repetitions = int.Parse(args[1], CultureInfo.InvariantCulture);
var command = args[2];
var commandArgs = args[3..];
var overheads = new List<double>();
var startups = new List<double>();
var engine = new Dictionary<string, List<double>>();
for (var i = 0; i <= repetitions; i++)
{
    var results = Path.Combine(folder, "results-" + i.ToString(CultureInfo.InvariantCulture));
    var info = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in commandArgs.Concat(["run", file, "--results", results, "--kubeconfig", cluster.KubeconfigPath, "--context", FakeKubernetesApi.ContextName]))
    {
        info.ArgumentList.Add(a);
    }

    var launched = DateTimeOffset.UtcNow;
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(info)!;
    var stdout = process.StandardOutput.ReadToEndAsync();
    var stderr = process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    clock.Stop();
    if (process.ExitCode != 0)
    {
        Console.Error.WriteLine($"chaoslab run exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
        return 1;
    }

    if (Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1")
    {
        Console.Error.Write(await stderr);
    }

    var journal = JsonNode.Parse(await File.ReadAllTextAsync(Directory.GetFiles(results, "*.json").Single()))!;
    if (i == 0)
    {
        continue; // warm-up: the first process after a build also pays for the disk cache
    }

    overheads.Add((clock.Elapsed - windows).TotalSeconds);
    startups.Add((journal["startedAt"]!.GetValue<DateTimeOffset>() - launched).TotalSeconds);
    foreach (var phase in journal["phases"]!.AsArray())
    {
        var name = phase!["phase"]!.GetValue<string>();
        var seconds = (phase["endedAt"]!.GetValue<DateTimeOffset>() - phase["startedAt"]!.GetValue<DateTimeOffset>()).TotalSeconds;
        (engine.TryGetValue(name, out var list) ? list : engine[name] = []).Add(seconds);
    }
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{label}: chaoslab run process, {repetitions} run(s) after one warm-up, windows {windows.TotalSeconds:0} s, fake cluster {cluster.Api.BaseAddress} (controller delays 0), {Environment.ProcessorCount} CPU(s), load average {LoadAverage()}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  overhead beyond the windows: median {Median(overheads):0.000} s (min {overheads.Min():0.000}, max {overheads.Max():0.000}; all: {string.Join(' ', overheads.Select(o => o.ToString("0.00", CultureInfo.InvariantCulture)))})"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  process start → journal opened: median {Median(startups):0.000} s"));
var phases = string.Join(", ", engine.Where(kv => kv.Key is not ("steadyStateBefore" or "observe" or "steadyStateAfter"))
    .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {Median(kv.Value) * 1000:0} ms")));
Console.WriteLine("  phase medians (windows aside): " + phases);
var windowsPhases = string.Join(", ", engine.Where(kv => kv.Key is "steadyStateBefore" or "observe" or "steadyStateAfter")
    .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {Median(kv.Value):0.000} s")));
Console.WriteLine("  window phases: " + windowsPhases);
return 0;
