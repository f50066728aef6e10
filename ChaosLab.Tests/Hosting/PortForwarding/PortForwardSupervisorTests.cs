using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Helm;
using ChaosLab.AppHost.Hosting.PortForwarding;
using ChaosLab.AppHost.Hosting.Processes;
using ChaosLab.Tests.Hosting.Processes;
using Microsoft.Extensions.Time.Testing;

namespace ChaosLab.Tests.Hosting.PortForwarding;

public sealed class PortForwardSupervisorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ClusterConnection Cluster = new("/home/u/.chaoslab/chaoslab/kubeconfig", "chaoslab", ContainerRuntime.Containerd);

    private static PortForwardResource Prometheus()
    {
        var cluster = LabResources.Minikube("/tmp/unused");
        var shop = new HelmReleaseResource("astronomy-shop", cluster, HelmChartReference.OpenTelemetryDemo, "astronomy-shop");
        return new PortForwardResource("prometheus", shop, "prometheus", 9090, 19090);
    }

    [Fact]
    public void Binds_to_loopback_only_pinned_to_the_cluster() =>
        KubectlCommands.PortForward(Cluster.KubeconfigPath, Cluster.Context, "astronomy-shop", "prometheus", 19090, 9090).CommandLine.ShouldBe(
            "kubectl port-forward --address 127.0.0.1 -n astronomy-shop svc/prometheus 19090:9090 --kubeconfig /home/u/.chaoslab/chaoslab/kubeconfig --context chaoslab");

    [Fact]
    public async Task Restarts_after_kubectl_exits_with_growing_backoff_and_gives_up_after_the_bound()
    {
        var time = new FakeTimeProvider();
        var runner = new FakeProcessRunner().On("kubectl port-forward", exitCode: 1,
            stderr: "error: unable to forward port because pod is not running. Current status=Pending");
        var policy = new PortForwardPolicy { MaxConsecutiveFailures = 4 };
        var downs = new List<string>();

        var run = new PortForwardSupervisor(runner, time).RunAsync(Prometheus(), Cluster, policy, new ListLogger(),
            onReady: _ => Task.CompletedTask, onDown: reason => { downs.Add(reason); return Task.CompletedTask; }, Ct);

        // Backoff 1 s, 2 s, 4 s between the four attempts; advance fake time until the supervisor gives up.
        for (var i = 0; i < 50 && !run.IsCompleted; i++)
        {
            await Task.Yield();
            time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(5, Ct);
        }

        var reason = await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        runner.Matching("kubectl port-forward").Count.ShouldBe(4);
        downs.Count.ShouldBe(3);
        reason.ShouldBe("kubectl port-forward to svc/prometheus failed 4 times in a row; last error: exit code 1: error: unable to forward port because pod is not running. Current status=Pending");
        policy.Backoff(1).ShouldBe(TimeSpan.FromSeconds(1));
        policy.Backoff(3).ShouldBe(TimeSpan.FromSeconds(4));
        policy.Backoff(10).ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Reports_ready_on_forwarding_and_restarts_when_the_pod_is_lost()
    {
        var time = new FakeTimeProvider();
        var attempts = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var runner = new FakeProcessRunner().On(s => s.FileName == "kubectl", async (spec, ct) =>
        {
            var attempt = Interlocked.Increment(ref attempts);
            spec.OnOutputLine?.Invoke("Forwarding from 127.0.0.1:19090 -> 9090");
            if (attempt == 1)
            {
                spec.OnErrorLine?.Invoke("E1126 portforward.go:413] an error occurred forwarding 19090 -> 9090: error forwarding port 9090 to pod abc: lost connection to pod");
            }

            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return new ProcessResult(0, "", "");
        });
        var readies = new List<bool>();

        var run = new PortForwardSupervisor(runner, time).RunAsync(Prometheus(), Cluster, new PortForwardPolicy(), new ListLogger(),
            onReady: restart => { lock (readies) { readies.Add(restart); } return Task.CompletedTask; }, onDown: _ => Task.CompletedTask, stop.Token);

        for (var i = 0; i < 100 && Volatile.Read(ref attempts) < 2; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(5, Ct);
        }

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        attempts.ShouldBe(2);
        lock (readies)
        {
            readies.ShouldBe([false, true]);
        }
    }
}
