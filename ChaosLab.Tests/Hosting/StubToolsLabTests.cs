using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ChaosLab.AppHost.Hosting.Processes;
using Microsoft.Extensions.DependencyInjection;

namespace ChaosLab.Tests.Hosting;

/// <summary>
/// The AppHost with the real CliWrap runner driving the stub minikube, helm and kubectl of
/// <c>.ci/stubs</c> (bash scripts that keep state like a real cluster): a first run installs, a
/// second run reuses everything.
/// </summary>
public sealed class StubToolsLabTests : IDisposable
{
    private static readonly string[] LabResourceNames = ["cluster", "chaos-mesh", "astronomy-shop", "shop", "prometheus", "chaos-dashboard"];
    private readonly string _work = Directory.CreateTempSubdirectory("chaoslab-stublab-").FullName;

    public StubToolsLabTests()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The stub tools are bash scripts; run this test on Linux or macOS.");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string CallsLog => Path.Combine(_work, "stubs", "calls.log");

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>Runs the stubs by full path (the PATH of the test process stays untouched) with their state folder.</summary>
    private sealed class StubRunner(string stubs, string state) : IProcessRunner
    {
        private readonly CliWrapProcessRunner _inner = new();

        public Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken) =>
            _inner.RunAsync(spec with
            {
                FileName = Path.Combine(stubs, spec.FileName),
                Environment = new Dictionary<string, string>(spec.Environment) { ["CHAOSLAB_STUB_STATE"] = state },
            }, cancellationToken);
    }

    private Task<string[]> RunLabAsync() => RunLabAsync(LabResourceNames);

    private async Task<string[]> RunLabAsync(string[] resourceNames, params string[] args)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>(
            [$"Lab:StateDirectory={Path.Combine(_work, "lab")}", "Lab:Ports:Shop=18391", "Lab:Ports:Prometheus=19391", "Lab:Ports:ChaosDashboard=12391", "Lab:Ports:OnlineBoutique=18392", .. args], Ct);
        builder.Resources.Remove(builder.Resources.Single(r => r.Name == "experimenter"));
        builder.Services.AddSingleton<IProcessRunner>(new StubRunner(Path.Combine(Support.RepoPaths.Root, ".ci", "stubs"), Path.Combine(_work, "stubs")));
        var before = File.Exists(CallsLog) ? File.ReadAllLines(CallsLog).Length : 0;

        await using (var app = await builder.BuildAsync(Ct))
        {
            await app.StartAsync(Ct);
            foreach (var name in resourceNames)
            {
                await app.ResourceNotifications.WaitForResourceAsync(name, KnownResourceStates.Running, Ct).WaitAsync(TimeSpan.FromSeconds(90), Ct);
            }

            await app.StopAsync(Ct);
        }

        return [.. File.ReadAllLines(CallsLog).Skip(before)];
    }

    [Fact]
    public async Task First_run_installs_both_charts_second_run_reuses_everything()
    {
        var first = await RunLabAsync();
        var second = await RunLabAsync();

        first.Count(c => c.StartsWith("minikube start", StringComparison.Ordinal)).ShouldBe(0); // the stub profile starts out running
        first.Count(c => c.StartsWith("helm upgrade --install", StringComparison.Ordinal)).ShouldBe(2);
        second.ShouldNotContain(c => c.StartsWith("minikube start", StringComparison.Ordinal));
        second.ShouldNotContain(c => c.StartsWith("helm upgrade", StringComparison.Ordinal));
        second.ShouldNotContain(c => c.StartsWith("helm repo", StringComparison.Ordinal));
        second.Count(c => c.StartsWith("kubectl port-forward --address 127.0.0.1", StringComparison.Ordinal)).ShouldBe(3);
    }

    [Fact]
    public async Task Without_Online_Boutique_no_kubectl_line_touches_it()
    {
        var calls = await RunLabAsync();

        calls.ShouldNotContain(c => c.Contains("online-boutique", StringComparison.Ordinal));
        calls.ShouldNotContain(c => c.StartsWith("kubectl apply", StringComparison.Ordinal) || c.StartsWith("kubectl set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Both_workloads_first_apply_Online_Boutique_with_tracing_then_a_second_run_only_waits_and_forwards()
    {
        string[] names = [.. LabResourceNames, "online-boutique", "boutique"];
        string[] args = ["Lab:Workloads=AstronomyShop,OnlineBoutique", "Lab:OnlineBoutique:Tracing=true"];

        var first = await RunLabAsync(names, args);
        var second = await RunLabAsync(names, args);

        first.Count(c => c.StartsWith("kubectl create namespace online-boutique", StringComparison.Ordinal)).ShouldBe(1);
        first.Count(c => c.StartsWith("kubectl apply --server-side --force-conflicts --field-manager chaoslab -n online-boutique -f ", StringComparison.Ordinal)).ShouldBe(1);
        first.Count(c => c.StartsWith("kubectl set env deployment/", StringComparison.Ordinal) && c.Contains("COLLECTOR_SERVICE_ADDR=otel-collector.astronomy-shop:4317", StringComparison.Ordinal)).ShouldBe(7);
        second.ShouldNotContain(c => c.StartsWith("kubectl create", StringComparison.Ordinal) || c.StartsWith("kubectl apply", StringComparison.Ordinal) || c.StartsWith("kubectl set", StringComparison.Ordinal));
        second.ShouldNotContain(c => c.StartsWith("helm upgrade", StringComparison.Ordinal));
        second.Count(c => c.StartsWith("kubectl wait --for=condition=Available deployment --all -n online-boutique", StringComparison.Ordinal)).ShouldBe(1);
        second.Count(c => c.StartsWith("kubectl port-forward --address 127.0.0.1", StringComparison.Ordinal)).ShouldBe(4);
        second.ShouldContain(c => c.StartsWith("kubectl port-forward --address 127.0.0.1 -n online-boutique svc/frontend 18392:80 ", StringComparison.Ordinal));
    }
}
