using ChaosLab.Experimenter.Experiments.Loading;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Running;
using ChaosLab.Experimenter.Experiments.Rendering;
using ChaosLab.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChaosLab.Tests.Running;

/// <summary>Runs a shipped experiment against a real cluster (Chaos Mesh 2.8.3 and the demo installed).
/// Needs <c>CHAOSLAB_TEST_KUBECONTEXT</c> (and optionally <c>CHAOSLAB_TEST_KUBECONFIG</c>); skips with that
/// reason otherwise.</summary>
[Trait("Category", "RealCluster")]
public sealed class RealClusterRunTests
{
    [Fact]
    public async Task Network_delay_runs_on_a_real_cluster_and_leaves_nothing_behind()
    {
        var context = Environment.GetEnvironmentVariable("CHAOSLAB_TEST_KUBECONTEXT");
        if (string.IsNullOrWhiteSpace(context))
        {
            Assert.Skip("needs a real cluster: set CHAOSLAB_TEST_KUBECONTEXT (and CHAOSLAB_TEST_KUBECONFIG if not ~/.kube/config) to a context with Chaos Mesh 2.8.3 and the demo installed, e.g. the AppHost's minikube profile");
        }

        var file = Path.Combine(RepoPaths.Manifests, "experiments", "frontend-product-catalog-delay.yaml");
        var checkedFile = await InputFiles.ValidateFileAsync(file, new ExperimentFileValidator(), TestContext.Current.CancellationToken);
        var experiment = checkedFile.Experiment! with
        {
            Timing = new Experimenter.Experiments.Model.Timing(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)),
            // No Prometheus here: the hypothesis is the target Deployment staying Ready.
            Hypothesis = new Experimenter.Experiments.Model.Hypothesis([new Experimenter.Experiments.Model.DeploymentReadyProbe(null, "product-catalog", 1) { Name = "product-catalog-ready" }]),
        };
        using var client = KubernetesClientFactory.Create(new ClusterConnectionOptions { Kubeconfig = Environment.GetEnvironmentVariable("CHAOSLAB_TEST_KUBECONFIG"), Context = context });
        using var http = new HttpClient();
        var results = Path.Combine(Path.GetTempPath(), "chaoslab-real-" + Guid.NewGuid().ToString("N")[..8]);
        var runner = new ExperimentRunner(client, null, http, new ExperimentRenderer(), [], new ExperimentRunnerOptions { ResultsDirectory = results }, new ActiveRuns(), TimeProvider.System, NullLoggerFactory.Instance);

        var result = await runner.RunAsync(experiment, null, TestContext.Current.CancellationToken);

        result.Journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", result.Journal.Errors));
        result.Journal.Cleanup!.Succeeded.ShouldBeTrue();
        var chaos = new ChaosMeshClient(client, TimeProvider.System, NullLogger<ChaosMeshClient>.Instance);
        (await chaos.ListManagedAsync(Experimenter.Experiments.Model.ChaosLabLabels.RunSelector(result.Journal.RunId), TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }
}
