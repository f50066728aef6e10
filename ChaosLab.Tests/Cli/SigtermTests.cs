using System.Diagnostics;
using ChaosLab.Experimenter.Cli;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Cli;

/// <summary>A real <c>chaoslab run</c> process sent SIGTERM mid-fault cleans up and exits 3. (Output is read
/// through events: awaiting StreamReader reads of the pipe stalled under the test runner.)</summary>
public sealed class SigtermTests
{
    [Fact]
    public async Task Sigterm_mid_fault_cleans_up_and_exits_3()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Assert.Skip("sends SIGTERM with kill(1): needs Linux or macOS");
        }

        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: ct);
        Directory.CreateDirectory(cluster.ScratchDirectory);
        var file = Path.Combine(cluster.ScratchDirectory, "long-delay.yaml");
        await File.WriteAllTextAsync(file, SampleExperiments.LongNetworkDelay, ct);
        var results = Path.Combine(cluster.ScratchDirectory, "results");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "chaoslab.dll"), "run", file, "--results", results, "--kubeconfig", cluster.KubeconfigPath, "--context", FakeKubernetesApi.ContextName })
        {
            start.ArgumentList.Add(arg);
        }

        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var injected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } data)
            {
                output.Enqueue(data);
                if (data.Contains("injected NetworkChaos", StringComparison.Ordinal))
                {
                    injected.TrySetResult();
                }
            }
        };
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await injected.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
            var log = string.Join("\n", cluster.Api.RequestLog);
            log.ShouldContain("POST /apis/chaos-mesh.org/v1alpha1/namespaces/otel-demo/networkchaos");
            log.ShouldNotContain("DELETE ");
            cluster.Store.List(FakeResourceCatalog.FindKind("NetworkChaos")!, "otel-demo").Items.ShouldHaveSingleItem();

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(ct);
            }

            using var exit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            exit.CancelAfter(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(exit.Token);

            process.ExitCode.ShouldBe(ExitCodes.AbortedOrInconclusive, string.Join("\n", output));
            string.Join("\n", cluster.Api.RequestLog).ShouldContain("DELETE /apis/chaos-mesh.org/v1alpha1/namespaces/otel-demo/networkchaos/");
            cluster.Store.List(FakeResourceCatalog.FindKind("NetworkChaos")!, "otel-demo").Items.ShouldBeEmpty();
            var journal = await JournalWriter.ReadAsync(Directory.GetFiles(results, "*.json").ShouldHaveSingleItem(), ct);
            journal!.Status.ShouldBe(RunStatus.Interrupted);
            journal.Cleanup!.Succeeded.ShouldBeTrue();
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
