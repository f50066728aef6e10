using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ChaosLab.AppHost.Hosting.Experimenter;
using ChaosLab.AppHost.Hosting.Helm;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChaosLab.Tests.Hosting.Experimenter;

/// <summary>
/// In-cluster hosting shows the shipped experiments as children of the in-cluster experimenter, polled through its API
/// port-forward with the start's token, and links each finished run's report copied to this machine. The forward's local
/// port is the real worker's loopback port here (the AppHost itself always uses 18088).
/// </summary>
public sealed class InClusterExperimentResourcesTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("chaoslab-incluster-results-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private async Task<IDistributedApplicationTestingBuilder> Model() =>
        await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>([$"Lab:StateDirectory={_state}", "Lab:Experimenter:Hosting=InCluster"], Ct);

    [Fact]
    public async Task Every_shipped_experiment_and_suite_is_a_child_of_the_in_cluster_experimenter()
    {
        var builder = await Model();
        var experimenter = builder.Resources.OfType<InClusterExperimenterResource>().Single();
        var shipped = ShippedManifests.Read(builder.AppHostDirectory);

        var children = builder.Resources.OfType<ExperimentResource>().ToList();

        children.Select(c => c.Name).ShouldBe(shipped.Select(m => m.ResourceName), ignoreOrder: true);
        children.ShouldContain(c => c.Name == "frontend-ad-delay");
        children.ShouldContain(c => c.Name == "suite-default");
        children.ShouldAllBe(c => c.Parent == experimenter);
        children.ShouldAllBe(c => c.Annotations.OfType<ResourceRelationshipAnnotation>().Any(r => r.Type == "Parent" && r.Resource == experimenter));
    }

    [Fact]
    public async Task A_finished_run_is_polled_through_the_forward_and_its_report_is_copied_and_linked_locally()
    {
        var builder = await Model();
        foreach (var resource in builder.Resources.Where(r => r is ExperimentResource or InClusterExperimenterResource || r.Name == InClusterExperimenterBuilderExtensions.ApiForwardName).ToList())
        {
            builder.Resources.Remove(resource);
        }

        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        var experiments = Directory.CreateDirectory(Path.Combine(cluster.ScratchDirectory, "experiments")).FullName;
        await File.WriteAllTextAsync(Path.Combine(experiments, "delay.yaml"), SampleExperiments.PodKill("frontend-ad-delay", "product-catalog"), Ct);

        // The forward's local port is a free loopback port the worker then listens on, with the experimenter's token (as the Secret gives it).
        var port = FreeLoopbackPort();
        var shop = builder.CreateResourceBuilder(builder.Resources.OfType<HelmReleaseResource>().Single(r => r.Name == "astronomy-shop"));
        var experimenter = shop.AddInClusterExperimenter("experimenter", "/unused", _state, port).WithExperimentResources(builder.AppHostDirectory);
        await using var worker = await InProcessWorker.StartAsync([
            "--urls", $"http://127.0.0.1:{port}",
            "--Lab:Cluster:Kubeconfig=" + cluster.KubeconfigPath,
            "--Lab:Cluster:Context=" + FakeKubernetesApi.ContextName,
            "--Lab:Runner:ResultsDirectory=" + Path.Combine(cluster.ScratchDirectory, "results"),
            "--Lab:Experimenter:ExperimentsPath=" + experiments,
            "--Lab:Experimenter:SuitesPath=" + experiments,
        ], Ct, apiToken: experimenter.Resource.ApiToken);
        worker.Address.Port.ShouldBe(port);
        var delay = builder.Resources.OfType<ExperimentResource>().Single(r => r.Name == "frontend-ad-delay");
        delay.Parent.ShouldBe(experimenter.Resource);
        await using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();

        (await ExperimentStatePoller.ViewsAsync([delay], services, File.Exists, Ct))[delay].State.Text.ShouldBe("Idle");
        var run = await delay.Annotations.OfType<ResourceCommandAnnotation>().Single(c => c.Name == ExperimentResourceBuilderExtensions.RunCommand)
            .ExecuteCommand(new ExecuteCommandContext
            {
                ResourceName = delay.Name,
                Services = services,
                Arguments = new InteractionInputCollection([]),
                Logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
                CancellationToken = Ct,
            });
        run.Success.ShouldBeTrue(run.Message);

        ExperimentView view;
        var polls = 0;
        do
        {
            view = (await ExperimentStatePoller.ViewsAsync([delay], services, File.Exists, Ct))[delay];
        }
        while ((ExperimentStates.Active.Contains(view.State.Text) || view.ReportUrl is null) && ++polls < 300 && await Wait());

        view.State.Text.ShouldBe("Passed");
        var runId = view.Properties.Single(p => p.Name == "chaoslab.last-run").Value!;
        var workerJournal = view.Properties.Single(p => p.Name == "chaoslab.journal").Value!;
        var local = Path.Combine(_state, "results", "in-cluster", runId, Path.GetFileNameWithoutExtension(workerJournal) + ".html");
        view.Properties.Single(p => p.Name == "chaoslab.report").Value.ShouldBe(local);
        view.ReportUrl.ShouldBe(new Uri(local).AbsoluteUri);
        view.ReportUrl!.ShouldNotContain(experimenter.Resource.ApiToken, Case.Sensitive);
        (await File.ReadAllTextAsync(local, Ct)).ShouldBe(await File.ReadAllTextAsync(Path.ChangeExtension(workerJournal, ".html"), Ct));
        File.Exists(Path.ChangeExtension(local, ".md")).ShouldBeTrue();
        File.Exists(Path.ChangeExtension(local, ".json")).ShouldBeTrue();

        // Copied once: a later poll leaves the copy alone.
        var stamp = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(local, stamp);
        (await ExperimentStatePoller.ViewsAsync([delay], services, File.Exists, Ct))[delay].ReportUrl.ShouldBe(view.ReportUrl);
        File.GetLastWriteTimeUtc(local).ShouldBe(stamp);
        await worker.StopAsync(Ct);
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    // A short pause between polls of a bounded loop (the worker's state changes on its own flow).
    private static async Task<bool> Wait()
    {
        await Task.Delay(TimeSpan.FromMilliseconds(50), Ct);
        return true;
    }
}
