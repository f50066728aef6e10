using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Helm;
using ChaosLab.AppHost.Hosting.Minikube;
using ChaosLab.AppHost.Hosting.Telemetry;
using ChaosLab.AppHost.Hosting.Tools;
using ChaosLab.Tests.Hosting.Processes;

namespace ChaosLab.Tests.Hosting.Telemetry;

/// <summary>Orchestration steps are spans (and duration measurements) on the AppHost's ActivitySource and Meter.</summary>
public sealed class LabTelemetryTests : IDisposable
{
    private const string TestSourceName = "ChaosLab.Tests.LabTelemetry";
    private static readonly ActivitySource TestSource = new(TestSourceName);
    private readonly string _state = Directory.CreateTempSubdirectory("chaoslab-telemetry-").FullName;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    [Fact]
    public async Task A_warm_start_traces_preflight_reuse_and_skips_with_their_outcomes()
    {
        var spans = new ConcurrentQueue<Activity>();
        var measurements = new ConcurrentQueue<(double Seconds, string Step)>();
        using var root = new ActivityListener
        {
            ShouldListenTo = s => s.Name == LabTelemetry.Name || s.Name == TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(root);
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LabTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "chaoslab.step")
                {
                    measurements.Enqueue((value, (string)tag.Value!));
                }
            }
        });
        meters.Start();

        var runner = new FakeProcessRunner().WithGoodTools().WithStatefulHelm()
            .On("minikube profile list -o json", stdout: LabWorld.ProfileListJson("chaoslab", "OK", "containerd"))
            .On("minikube update-context", stdout: "ok");
        var preflight = new ToolPreflight(runner);
        var cluster = LabResources.Minikube(_state);
        var release = LabResources.ChaosMesh(cluster);
        var installer = new HelmReleaseInstaller(runner, preflight, TimeProvider.System);
        var connection = await new MinikubeClusterProvisioner(runner, preflight, TimeProvider.System).EnsureRunningAsync(cluster, new ListLogger(), TestContext.Current.CancellationToken);
        await installer.EnsureAsync(release, connection, TimeSpan.FromMinutes(10), force: false, new ListLogger(), TestContext.Current.CancellationToken);

        using (var test = TestSource.StartActivity("test"))
        {
            test.ShouldNotBeNull();
            root.ActivityStopped = a => { if (a.TraceId == test.TraceId) { spans.Enqueue(a); } };
            await new MinikubeClusterProvisioner(runner, preflight, TimeProvider.System).EnsureRunningAsync(cluster, new ListLogger(), TestContext.Current.CancellationToken);
            await installer.EnsureAsync(release, connection, TimeSpan.FromMinutes(10), force: false, new ListLogger(), TestContext.Current.CancellationToken);
        }

        spans.Where(s => s.Source.Name == LabTelemetry.Name)
            .Select(s => (s.DisplayName, Outcome: s.GetTagItem("chaoslab.outcome") as string, s.Status))
            .ShouldBe(
            [
                ("preflight minikube cluster", "ok", ActivityStatusCode.Ok),
                ("minikube reuse cluster", "reused", ActivityStatusCode.Ok),
                ("preflight helm chaos-mesh", "ok", ActivityStatusCode.Ok),
                ("helm skip chaos-mesh", "skipped", ActivityStatusCode.Ok),
            ]);
        measurements.Select(m => m.Step).ShouldContain("minikube reuse");
        measurements.Select(m => m.Step).ShouldContain("helm skip");
        measurements.ShouldAllBe(m => m.Seconds >= 0);
    }
}
