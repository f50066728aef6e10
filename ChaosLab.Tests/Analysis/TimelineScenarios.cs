using ChaosLab.Experimenter.Analysis;
using ChaosLab.Tests.Support.SpanMetrics;

namespace ChaosLab.Tests.Analysis;

/// <summary>
/// The ground-truth timelines: each is one service in one backfilled Prometheus. All start 5 hours ago (older than
/// the head block), sample at a phase that is not aligned to the window times, and have a 10-minute baseline, a
/// 2-minute fault and 5 minutes of recovery watch.
/// </summary>
public static class TimelineScenarios
{
    private static readonly TrafficState Normal = new(20, 0.01, 40);

    /// <summary>A minute boundary 5 hours ago: window times are whole seconds from here; samples start 1.3 s later.</summary>
    public static readonly DateTimeOffset Origin =
        DateTimeOffset.FromUnixTimeSeconds((DateTimeOffset.UtcNow.AddHours(-5).ToUnixTimeSeconds() / 60) * 60);

    private const double Phase = 1.3;
    private const double FaultAt = 660;
    private const double L = 120;
    private const double Watch = 300;

    /// <summary>Every scenario: the named ones, the robustness ones, the quiet services and a deterministic random set.</summary>
    public static IReadOnlyList<TimelineScenario> All { get; } = [.. Named(), .. Robustness(), .. Quiet(15, seed: 77), .. Randomized(24, seed: 4242)];

    /// <summary>More random timelines of the same kinds (for a precision measurement on data the fixture does not hold).</summary>
    public static IReadOnlyList<TimelineScenario> MoreRandom(int count, int seed) => [.. Randomized(count, seed)];

    /// <summary>More quiet services (for a false-positive measurement on data the fixture does not hold).</summary>
    public static IReadOnlyList<TimelineScenario> MoreQuiet(int count, int seed) => [.. Quiet(count, seed, "calm")];

    /// <summary>The quiet services (realistic noise, no effect at all).</summary>
    public static IEnumerable<TimelineScenario> QuietOnes => All.Where(s => s.Name.StartsWith("quiet-", StringComparison.Ordinal));

    // What real data does to a band (spikes cover exactly one 5 s sampling interval: samples fall at τ ≡ 1.3 s mod 5): one odd sample in the baseline (an error burst, a GC pause, a retry storm), the
    // fault's first effect in the last baseline interval, clocks that disagree, a slow tail, a halving, late onset, an
    // effect that outlives the fault, and a low-traffic service with real (Poisson) noise.
    private static IEnumerable<TimelineScenario> Robustness()
    {
        static Func<double, TrafficState> Spike(double at, Func<TrafficState, TrafficState> odd, Func<double, TrafficState, TrafficState> fault, TrafficState normal) =>
            tau => tau >= at && tau < at + 5 ? odd(normal) : fault(tau, normal);

        yield return Scenario("spike-error-then-40pct", 5,
            Spike(-303.7, n => n with { ErrorRatio = 0.5 }, (tau, n) => tau >= 0 && tau < L ? n with { ErrorRatio = 0.4 } : n, Normal),
            new() { ["error_ratio"] = new(0, 0) });
        yield return Scenario("spike-latency-then-5x", 5,
            Spike(-543.7, n => n with { MedianLatencyMs = 800 }, (tau, n) => tau >= 0 && tau < L ? n with { MedianLatencyMs = 200 } : n, Normal),
            new() { ["latency_p50_ms"] = new(0, 0), ["latency_p95_ms"] = new(0, 0), ["latency_p99_ms"] = new(0, 0) });
        yield return Scenario("spike-throughput-then-halving", 5,
            Spike(-403.7, n => n with { Rps = 60 }, (tau, n) => tau >= 0 && tau < L ? n with { Rps = 10 } : n, Normal),
            new() { ["throughput_rps"] = new(0, 0) });
        yield return Scenario("effect-in-guard-interval", 5, tau => tau >= -3 && tau < L ? Normal with { ErrorRatio = 0.5 } : Normal,
            new() { ["error_ratio"] = new(0, 0) });
        foreach (var k in new[] { 1, -1, 3, -3 })
        {
            yield return Scenario($"clock-offset-{(k > 0 ? "plus" : "minus")}-{Math.Abs(k)}", 5, tau => tau >= 0 && tau < L + 20 ? Normal with { ErrorRatio = 0.6 } : Normal,
                new() { ["error_ratio"] = new(0, 20) }, clockOffset: TimeSpan.FromSeconds(5 * k));
        }

        yield return Scenario("tail-only-latency", 5, tau => tau >= 5 && tau < L + 5 ? Normal with { TailShare = 0.03, TailLatencyMs = 2000 } : Normal,
            new() { ["latency_p99_ms"] = new(5, 5), ["latency_p95_ms"] = SliTruth.Either });
        yield return Scenario("throughput-halving", 5, tau => tau >= 10 && tau < L + 10 ? Normal with { Rps = 10 } : Normal,
            new() { ["throughput_rps"] = new(10, 10) });
        yield return Scenario("late-onset", 5, tau => tau >= 75 && tau < L + 5 ? Normal with { ErrorRatio = 0.3 } : Normal,
            new() { ["error_ratio"] = new(75, 5) });
        yield return Scenario("outlives-the-fault", 10, tau => tau >= 0 && tau < L + 100 ? Normal with { MedianLatencyMs = 160 } : Normal,
            new() { ["latency_p50_ms"] = new(0, 100), ["latency_p95_ms"] = new(0, 100), ["latency_p99_ms"] = new(0, 100) });
        yield return Scenario("low-traffic-2rps", 5, tau => tau >= 0 && tau < L ? new TrafficState(2, 0.5, 40) : new TrafficState(2, 0.01, 40),
            new() { ["error_ratio"] = new(0, 0) }, realistic: true);
    }

    // Services the fault does not touch, with real noise: Poisson calls, binomial errors, drawn durations, GC hiccups.
    private static IEnumerable<TimelineScenario> Quiet(int count, int seed, string prefix = "quiet")
    {
        var random = new Random(seed);
        double[] rps = [2, 3, 5, 8, 12, 20, 35, 50];
        double[] errors = [0, 0.005, 0.01, 0.02, 0.05];
        double[] latency = [8, 25, 40, 80, 150, 400];
        double[] intervals = [5, 5, 5, 10, 15];
        for (var i = 0; i < count; i++)
        {
            var normal = new TrafficState(rps[random.Next(rps.Length)], errors[random.Next(errors.Length)], latency[random.Next(latency.Length)]);
            var interval = intervals[random.Next(intervals.Length)];
            yield return Scenario(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{prefix}-{i + 1:00}-{normal.Rps}rps-i{interval}"),
                interval, _ => normal, [], noise: 0.1, realistic: true);
        }
    }

    private static IEnumerable<TimelineScenario> Named() =>
    [
        Scenario("instant-recovery", 5, tau => tau >= 0 && tau < L ? Normal with { ErrorRatio = 0.7 } : Normal,
            new() { ["error_ratio"] = new(0, 0) }),
        Scenario("slow-recovery", 5, tau => tau >= 0 && tau < L + 90 ? Normal with { ErrorRatio = 0.6 } : Normal,
            new() { ["error_ratio"] = new(0, 90) }),
        Scenario("latency-only", 5, tau => tau >= 3 && tau < L + 7 ? Normal with { MedianLatencyMs = 400 } : Normal,
            new() { ["latency_p50_ms"] = new(3, 7), ["latency_p95_ms"] = new(3, 7), ["latency_p99_ms"] = new(3, 7) }),
        Scenario("delayed-onset", 15, tau => tau >= 37 && tau < L + 23 ? Normal with { ErrorRatio = 0.5, MedianLatencyMs = 160 } : Normal,
            new() { ["error_ratio"] = new(37, 23), ["latency_p50_ms"] = new(37, 23), ["latency_p95_ms"] = new(37, 23), ["latency_p99_ms"] = new(37, 23) }),
        Scenario("never-recovers", 5, tau => tau >= 10 ? Normal with { ErrorRatio = 0.9 } : Normal with { ErrorRatio = 0 },
            new() { ["error_ratio"] = new(10, null) }, late: true),
        Scenario("traffic-to-zero", 5, tau => tau >= 12 && tau < L + 41 ? Normal with { Rps = 0 } : Normal,
            new() { ["throughput_rps"] = new(12, 41) }),
        Scenario("traffic-gap", 5, tau => tau >= 12 && tau < L + 41 ? Normal with { Rps = 0 } : Normal,
            new() { ["throughput_rps"] = new(12, 41) }, drop: true),
        Scenario("no-effect", 5, _ => Normal, new(), noise: 0.1),
        Scenario("noisy-baseline", 5, tau => tau >= 20 && tau < L + 15 ? Normal with { ErrorRatio = 0.35 } : Normal with { ErrorRatio = 0.02 },
            new() { ["error_ratio"] = new(20, 15) }, noise: 0.25),
        Scenario("fine-resolution", 1, tau => tau >= 2.5 && tau < L + 3.5 ? Normal with { MedianLatencyMs = 160 } : Normal,
            new() { ["latency_p50_ms"] = new(2.5, 3.5), ["latency_p95_ms"] = new(2.5, 3.5), ["latency_p99_ms"] = new(2.5, 3.5) }),
    ];

    // Random kinds: sampling 5/10/15/30 s; errors, latency, both, or traffic to zero; onset 0..40 s after fault start;
    // the effect lasts until 0..100 s after fault end, or for ever (1 in 8); optional noise and a late error series.
    private static IEnumerable<TimelineScenario> Randomized(int count, int seed)
    {
        var random = new Random(seed);
        double[] intervals = [5, 10, 15, 30];
        for (var i = 0; i < count; i++)
        {
            var interval = intervals[random.Next(intervals.Length)];
            var kind = random.Next(4);
            var onset = Math.Round(random.NextDouble() * 40, 1);
            var never = random.Next(8) == 0 && kind != 3;
            var recover = never ? (double?)null : Math.Round(random.NextDouble() * 100, 1);
            var noise = new[] { 0, 0.1, 0.2 }[random.Next(3)];
            var normal = new TrafficState(5 + random.Next(45), new[] { 0, 0.01, 0.03 }[random.Next(3)], 20 + random.Next(80));
            var errors = 0.2 + (random.NextDouble() * 0.7);
            var slower = 3 + (random.NextDouble() * 7);
            var late = normal.ErrorRatio == 0 && random.Next(2) == 0;
            var end = L + (recover ?? 1e9);
            TrafficState State(double tau) => tau < onset || tau >= end ? normal : kind switch
            {
                0 => normal with { ErrorRatio = errors },
                1 => normal with { MedianLatencyMs = normal.MedianLatencyMs * slower },
                2 => normal with { ErrorRatio = errors, MedianLatencyMs = normal.MedianLatencyMs * slower },
                _ => normal with { Rps = 0 },
            };

            var truth = new SliTruth(onset, recover);
            var slis = kind switch
            {
                0 => ["error_ratio"],
                1 => ["latency_p50_ms", "latency_p95_ms", "latency_p99_ms"],
                2 => new[] { "error_ratio", "latency_p50_ms", "latency_p95_ms", "latency_p99_ms" },
                _ => ["throughput_rps"],
            };
            yield return Scenario(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"random-{i:00}-k{kind}-i{interval}-on{onset}-rec{recover?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "never"}"),
                interval,
                State,
                slis.ToDictionary(s => s, _ => truth),
                noise,
                late);
        }
    }

    /// <summary>The OpenMetrics text of every scenario, for one backfill.</summary>
    public static string OpenMetrics() => SpanMetricsOpenMetrics.Write(All.Select(s => s.Timeline));

    private static TimelineScenario Scenario(
        string name,
        double intervalSeconds,
        Func<double, TrafficState> state,
        Dictionary<string, SliTruth> truth,
        double noise = 0,
        bool late = false,
        bool drop = false,
        bool realistic = false,
        TimeSpan clockOffset = default)
    {
        // The state is a function of seconds since fault start (tau); the fault lasts L seconds.
        var interval = TimeSpan.FromSeconds(intervalSeconds);
        var total = FaultAt + L + Watch + (3 * intervalSeconds);
        var timeline = new ServiceTimeline
        {
            Service = name,
            Start = Origin.AddSeconds(Phase),
            Interval = interval,
            Samples = (int)(total / intervalSeconds) + 1,
            State = offset => state(offset.TotalSeconds + Phase - FaultAt),
            Noise = noise,
            Seed = realistic ? name.Aggregate(17, (h, c) => unchecked((h * 31) + c)) : name.Length,
            ErrorSeriesAppearsLate = late,
            DropSeriesWithoutTraffic = drop,
            Realistic = realistic,
        };

        // Whole seconds from the origin: they do not coincide with the samples (phase 1.3 s). With a clock offset the
        // window is given on a clock that differs from the data's (Prometheus's) by it.
        var window = new AnalysisWindow(
            Origin.AddSeconds(60) - clockOffset,
            Origin.AddSeconds(FaultAt) - clockOffset,
            Origin.AddSeconds(FaultAt + L) - clockOffset,
            Origin.AddSeconds(FaultAt + L + Watch) - clockOffset);
        return new TimelineScenario(name, timeline, window, truth) { ClockOffset = clockOffset };
    }
}
