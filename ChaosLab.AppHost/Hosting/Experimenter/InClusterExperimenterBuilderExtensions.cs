using Aspire.Hosting.ApplicationModel;
using ChaosLab.AppHost.Hosting.Configuration;
using ChaosLab.AppHost.Hosting.Helm;
using ChaosLab.AppHost.Hosting.PortForwarding;
using ChaosLab.AppHost.Hosting.Workloads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>Adds the in-cluster experimenter (<c>Lab:Experimenter:Hosting=InCluster</c>) and its API port-forward.</summary>
public static class InClusterExperimenterBuilderExtensions
{
    /// <summary>The name of the port-forward to the worker API.</summary>
    public const string ApiForwardName = "experimenter-api";

    /// <summary>Where copied reports go, under the state directory (one folder per run).</summary>
    public const string ReportsFolder = "results/in-cluster";

    /// <summary>
    /// Adds the custom resource <paramref name="name"/> that deploys <c>manifests/incluster</c> into the shop's
    /// namespace after both releases run, with the worker's health (<see cref="InClusterWorkerHealthCheck"/>), the
    /// port-forward <c>svc/chaoslab-experimenter 18088</c> on 127.0.0.1 (<see cref="ApiForwardName"/>, started after the
    /// rollout), and the dashboard commands "Run experiment…", "Run default suite", "Abort all chaos" and "Resume runs"
    /// called through that forward with this start's token. Add the shipped experiments as its children with
    /// <see cref="ExperimentResourceBuilderExtensions.WithExperimentResources"/>.
    /// </summary>
    public static IResourceBuilder<InClusterExperimenterResource> AddInClusterExperimenter(
        this IResourceBuilder<HelmReleaseResource> shop, string name, string manifestDirectory, string stateDirectory, int localApiPort)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var experimenter = new InClusterExperimenterResource(
            name, shop.Resource, manifestDirectory, LabOptions.ExpandHome(stateDirectory), ExperimenterResourceBuilderExtensions.NewApiToken());
        var builder = shop.ApplicationBuilder.AddResource(experimenter)
            .WaitFor(shop)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "InClusterExperimenter",
                State = KnownResourceStates.NotStarted,
                Properties = LabResourceStates.Merge([],
                    ("experimenter.hosting", ExperimenterOptions.InCluster),
                    ("experimenter.manifests", manifestDirectory)),
            })
            .ExcludeFromManifest()
            .OnInitializeResource(static (r, e, _) =>
                e.Services.GetRequiredService<InClusterExperimenterLifecycle>().InitializeAsync(r, e.Eventing, e.Services));

        // WaitForStart: the forward starts once the rollout is done; waiting for health would wait for itself.
        var forward = shop.AddPortForward(ApiForwardName, InClusterExperimenterResource.DeploymentName, InClusterExperimenterResource.ApiPort, localApiPort)
            .WithLink("Experimenter API health", "/health")
            .WaitForStart(builder);
        var apiUrl = new Uri(forward.Resource.BaseUrl, "/");

        // After the rollout the dashboard shows the worker's own health through the forward (Running, then Healthy or
        // Unhealthy with the reason), as it shows the local project's /health.
        var healthKey = $"{name}-worker";
        shop.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthKey,
            sp => new InClusterWorkerHealthCheck(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(ExperimenterApiClient.HttpClientName), apiUrl, experimenter.ApiToken, ApiForwardName),
            failureStatus: null, tags: null));
        builder.WithHealthCheck(healthKey);

        // The same dashboard commands as the local project, through the port-forward (the worker answers only
        // Host 127.0.0.1:18088, which is what kubectl port-forward delivers). Finished runs' reports are copied from the
        // worker's volume through the same API into STATE/results/in-cluster/<run id>/ (a link cannot carry the token).
        var reports = new DownloadedRunFiles(Path.Combine(experimenter.StateDirectory, ReportsFolder));
        return builder.WithApiCommands(new ExperimenterApiAnnotation(experimenter.ApiToken, () => apiUrl, $"API port-forward '{ApiForwardName}' is not running yet", reports));
    }

    /// <summary>
    /// Lets the in-cluster experimenter run experiments in Online Boutique's namespace: it waits for <paramref name="boutique"/>
    /// (as the local project does), and its deployment also applies <c>rbac-online-boutique.yaml</c> rendered for that
    /// namespace (<see cref="InClusterManifests.FilesFor"/>). Without this call that file is neither rendered nor applied.
    /// </summary>
    public static IResourceBuilder<InClusterExperimenterResource> WithOnlineBoutique(
        this IResourceBuilder<InClusterExperimenterResource> experimenter, IResourceBuilder<OnlineBoutiqueResource> boutique)
    {
        ArgumentNullException.ThrowIfNull(experimenter);
        ArgumentNullException.ThrowIfNull(boutique);
        experimenter.Resource.Boutique = boutique.Resource;
        return experimenter.WaitFor(boutique);
    }

    /// <summary>
    /// HTTP probes written for <paramref name="forward"/> (<c>http://localhost:LOCAL/</c>, the laptop's port-forward) reach its
    /// Service from the worker's pod: the rendered Deployment gets <c>Lab__Runner__ProbeUrlMap__N__From</c> = that URL and
    /// <c>__To</c> = <c>http://SERVICE.NAMESPACE:PORT/</c> (<see cref="InClusterProbeUrl.For"/>), in the order of the calls.
    /// </summary>
    public static IResourceBuilder<InClusterExperimenterResource> WithProbeUrlMap(
        this IResourceBuilder<InClusterExperimenterResource> experimenter, IResourceBuilder<PortForwardResource> forward)
    {
        ArgumentNullException.ThrowIfNull(experimenter);
        ArgumentNullException.ThrowIfNull(forward);
        experimenter.Resource.ProbeUrls.Add(InClusterProbeUrl.For(forward.Resource));
        return experimenter;
    }
}
