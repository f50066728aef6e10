using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Running;
using ChaosLab.Experimenter.Scheduling;
using ChaosLab.Experimenter.Worker;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChaosLab.Tests.Worker;

/// <summary>The worker's start-up cleanup: retried with bounded exponential back-off and jitter until it
/// succeeds, reported by the health check while pending, and holding runs back until then.</summary>
public sealed class StartupCleanupTests
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Failed_attempts_are_retried_with_doubling_jittered_waits_up_to_the_cap_until_one_succeeds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 10, 0, 0, TimeSpan.Zero));
        var script = new Queue<Func<CleanReport>>([
            () => throw new HttpRequestException("Connection refused (127.0.0.1:6443)"),
            () => new CleanReport { Failed = { "NetworkChaos otel-demo/orphan: still there after 30 s" } },
            () => throw new HttpRequestException("Connection refused (127.0.0.1:6443)"),
            () => new CleanReport { Removed = { "NetworkChaos otel-demo/orphan removed" } },
        ]);
        var (cleanup, calls) = Create(time, _ => Task.FromResult(script.Dequeue()()));
        var health = new StartupCleanupHealthCheck(cleanup);
        await cleanup.StartAsync(Ct);
        var waiting = new List<string>();
        var runMayStart = cleanup.WaitUntilDoneAsync(waiting.Add, Ct);

        // Attempt 1 fails: pending, with the error, and the next attempt 1–2 s later (half fixed, half jitter).
        await NextAttemptAsync(calls, cleanup, 1);
        var afterFirst = cleanup.Status;
        afterFirst.State.ShouldBe(StartupCleanupState.Pending);
        afterFirst.LastError.ShouldBe("HttpRequestException: Connection refused (127.0.0.1:6443)");
        WaitOf(afterFirst, time).ShouldBeInRange(First / 2, First);
        var report = await health.CheckHealthAsync(new HealthCheckContext(), Ct);
        report.Status.ShouldBe(HealthStatus.Unhealthy);
        report.Description.ShouldNotBeNull().ShouldStartWith("start-up cleanup pending: HttpRequestException: Connection refused (127.0.0.1:6443) (attempt 1 failed; next at ");
        runMayStart.IsCompleted.ShouldBeFalse();

        // Not a moment before the announced time.
        time.Advance(WaitOf(afterFirst, time) - TimeSpan.FromMilliseconds(1));
        calls.Reader.TryRead(out _).ShouldBeFalse();
        time.Advance(TimeSpan.FromMilliseconds(1));

        // Attempt 2: a leftover could not be removed — that is a failure too; the wait doubles (2–4 s).
        await NextAttemptAsync(calls, cleanup, 2);
        cleanup.Status.LastError.ShouldBe("1 leftover(s) not removed: NetworkChaos otel-demo/orphan: still there after 30 s");
        WaitOf(cleanup.Status, time).ShouldBeInRange(First, First * 2);
        time.Advance(WaitOf(cleanup.Status, time));

        // Attempt 3: the doubled wait (8 s) is capped at 5 s (2.5–5 s).
        await NextAttemptAsync(calls, cleanup, 3);
        WaitOf(cleanup.Status, time).ShouldBeInRange(Cap / 2, Cap);
        runMayStart.IsCompleted.ShouldBeFalse();
        time.Advance(WaitOf(cleanup.Status, time));

        // Attempt 4 succeeds: runs may start, health is fine.
        await NextAttemptAsync(calls, cleanup, 4);
        await runMayStart.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        cleanup.Status.State.ShouldBe(StartupCleanupState.Succeeded);
        (await health.CheckHealthAsync(new HealthCheckContext(), Ct)).Status.ShouldBe(HealthStatus.Healthy);
        waiting.ShouldNotBeEmpty();
        waiting[0].ShouldStartWith("start-up cleanup pending: ");
        await cleanup.StopAsync(Ct);
    }

    [Fact]
    public async Task An_attempt_that_hangs_is_cut_off_at_the_attempt_timeout_and_retried()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 10, 0, 0, TimeSpan.Zero));
        var attempts = 0;
        var (cleanup, calls) = Create(time, async ct =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, time, ct);
            }

            return new CleanReport();
        });
        await cleanup.StartAsync(Ct);
        (await calls.Reader.ReadAsync(Ct)).ShouldBe(1);

        time.Advance(TimeSpan.FromMinutes(1));

        await WaitForAsync(() => cleanup.Status.Attempts == 1);
        cleanup.Status.LastError.ShouldBe("the attempt took longer than 00:01:00");
        time.Advance(WaitOf(cleanup.Status, time));
        await NextAttemptAsync(calls, cleanup, 2);
        cleanup.Status.State.ShouldBe(StartupCleanupState.Succeeded);
        await cleanup.StopAsync(Ct);
    }

    [Fact]
    public async Task Without_a_usable_cluster_connection_runs_fail_at_once_with_the_reason_instead_of_waiting()
    {
        var time = new FakeTimeProvider();
        var (cleanup, calls) = Create(time, _ => throw new ClusterConnectionException("no kube context configured: set Lab:Cluster:Context"));
        await cleanup.StartAsync(Ct);
        await NextAttemptAsync(calls, cleanup, 1);

        var wait = await Should.ThrowAsync<ClusterConnectionException>(() => cleanup.WaitUntilDoneAsync(null, Ct));

        wait.Message.ShouldBe("no kube context configured: set Lab:Cluster:Context");
        cleanup.Status.State.ShouldBe(StartupCleanupState.Pending);
        await cleanup.StopAsync(Ct);
    }

    [Fact]
    public async Task Disabled_cleanup_never_calls_the_cluster_and_lets_runs_start()
    {
        var called = false;
        var cleanup = new StartupCleanup(_ => { called = true; return Task.FromResult(new CleanReport()); }, new SchedulerOptions { CleanOnStart = false }, TimeProvider.System, NullLogger<StartupCleanup>.Instance);
        await cleanup.StartAsync(Ct);

        await cleanup.WaitUntilDoneAsync(null, Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct);

        cleanup.Status.State.ShouldBe(StartupCleanupState.Disabled);
        (await new StartupCleanupHealthCheck(cleanup).CheckHealthAsync(new HealthCheckContext(), Ct)).Status.ShouldBe(HealthStatus.Healthy);
        await cleanup.StopAsync(Ct);
        called.ShouldBeFalse();
    }

    [Fact]
    public async Task The_worker_retries_a_failing_start_up_cleanup_reports_it_in_health_and_starts_no_run_until_it_succeeded()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        var networkChaos = FakeResourceCatalog.FindKind("NetworkChaos")!;
        var orphan = FakeKubernetesApiTests.NetworkDelay("orphan-of-a-crash");
        cluster.Store.Create(networkChaos, "otel-demo", JsonNode.Parse(k8s.KubernetesJson.Serialize(orphan))!.AsObject());
        var listing = cluster.Api.Faults.Add(new FakeFaultRule { Method = "GET", PathContains = "/apis/chaos-mesh.org/", Watch = false, StatusCode = 500 });
        var experiments = Directory.CreateDirectory(Path.Combine(cluster.ScratchDirectory, "experiments")).FullName;
        await File.WriteAllTextAsync(Path.Combine(experiments, "catalog-kill.yaml"), SampleExperiments.PodKill("catalog-kill", "product-catalog"), Ct);
        var results = Path.Combine(cluster.ScratchDirectory, "results");
        await using var worker = await InProcessWorker.StartAsync([
            "--Lab:Cluster:Kubeconfig=" + cluster.KubeconfigPath,
            "--Lab:Cluster:Context=" + FakeKubernetesApi.ContextName,
            "--Lab:Runner:ResultsDirectory=" + results,
            "--Lab:Experimenter:ExperimentsPath=" + experiments,
            "--Lab:Experimenter:SuitesPath=" + experiments,
            "--Lab:Experimenter:CleanOnStartRetry=100ms",
            "--Lab:Experimenter:CleanOnStartRetryMax=300ms",
            // Each attempt keeps retrying the failing lists within the cleanup's own budget; keep it short here.
            "--Lab:Runner:CleanupTimeout=2s",
        ], Ct);
        using var http = worker.CreateClient();

        // The list calls answer 500: the cleanup is retried, health says why, a run waits in the queue.
        var pending = await WaitForStatusAsync(http, s => s.GetProperty("startupCleanup").GetProperty("attempts").GetInt32() >= 3);
        (await http.PostAsync("/api/experiments/catalog-kill/run", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var health = await http.GetAsync("/health", Ct);
        var runs = await http.GetFromJsonAsync<JsonElement>("/api/runs", Ct);

        pending.GetProperty("startupCleanup").GetProperty("state").GetString().ShouldBe("pending");
        // The cleaner reports per kind what it could not list (it never gives up on the other kinds because of one).
        pending.GetProperty("startupCleanup").GetProperty("lastError").GetString().ShouldNotBeNull().ShouldContain("NetworkChaos: could not list (HTTP 500 InternalServerError)");
        health.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        runs[0].GetProperty("state").GetString().ShouldBe("queued");
        runs[0].GetProperty("waitingFor").GetString().ShouldNotBeNull().ShouldStartWith("start-up cleanup pending: ");
        cluster.Store.Exists(networkChaos, "otel-demo", "orphan-of-a-crash").ShouldBeTrue();
        Directory.Exists(results).ShouldBeFalse();

        // The API server recovers: the orphan goes, health turns fine, then the run starts and completes.
        listing.Times = listing.Hits;
        await WaitForStatusAsync(http, s => s.GetProperty("startupCleanup").GetProperty("state").GetString() == "succeeded");
        cluster.Store.Exists(networkChaos, "otel-demo", "orphan-of-a-crash").ShouldBeFalse();
        (await http.GetAsync("/health", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        for (var i = 0; i < 300 && (await http.GetFromJsonAsync<JsonElement>("/api/runs", Ct))[0].GetProperty("state").GetString() is "queued" or "running"; i++)
        {
            await Task.Delay(100, Ct);
        }

        (await http.GetFromJsonAsync<JsonElement>("/api/runs", Ct))[0].GetProperty("state").GetString().ShouldBe("completed");
        await worker.StopAsync(Ct);
    }

    private static (StartupCleanup Cleanup, Channel<int> Calls) Create(TimeProvider time, Func<CancellationToken, Task<CleanReport>> attempt)
    {
        var calls = Channel.CreateUnbounded<int>();
        var count = 0;
        var options = new SchedulerOptions { CleanOnStartRetry = First, CleanOnStartRetryMax = Cap, CleanOnStartAttemptTimeout = TimeSpan.FromMinutes(1) };
        var cleanup = new StartupCleanup(ct =>
        {
            calls.Writer.TryWrite(Interlocked.Increment(ref count));
            return attempt(ct);
        }, options, time, NullLogger<StartupCleanup>.Instance);
        return (cleanup, calls);
    }

    private static TimeSpan WaitOf(StartupCleanupStatus status, FakeTimeProvider time) => status.NextAttemptAt!.Value - time.GetUtcNow();

    /// <summary>Waits until attempt <paramref name="number"/> was made and its outcome published.</summary>
    private static async Task NextAttemptAsync(Channel<int> calls, StartupCleanup cleanup, int number)
    {
        (await calls.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct)).ShouldBe(number);
        await WaitForAsync(() => cleanup.Status.Attempts == number || cleanup.Status.State == StartupCleanupState.Succeeded);
    }

    private static async Task WaitForAsync(Func<bool> done)
    {
        for (var i = 0; i < 500 && !done(); i++)
        {
            await Task.Delay(10, Ct);
        }

        done().ShouldBeTrue();
    }

    private static async Task<JsonElement> WaitForStatusAsync(HttpClient http, Func<JsonElement, bool> done)
    {
        JsonElement status = default;
        for (var i = 0; i < 300; i++)
        {
            status = await http.GetFromJsonAsync<JsonElement>("/api/status", Ct);
            if (done(status))
            {
                return status;
            }

            await Task.Delay(50, Ct);
        }

        throw new TimeoutException("the worker's status did not get there: " + status);
    }
}
