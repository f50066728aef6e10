using Aspire.Hosting.ApplicationModel;
using ChaosLab.AppHost.Hosting.Helm;
using ChaosLab.AppHost.Hosting.Workloads;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>
/// The experimenter worker deployed into the shop's namespace from <c>manifests/incluster</c>
/// (<c>Lab:Experimenter:Hosting=InCluster</c>). Data only; the wiring lives in
/// <see cref="InClusterExperimenterBuilderExtensions"/> and the work in <see cref="InClusterExperimenterLifecycle"/>.
/// </summary>
public sealed class InClusterExperimenterResource(string name, HelmReleaseResource shop, string manifestDirectory, string stateDirectory, string apiToken)
    : Resource(name), IResourceWithWaitSupport
{
    /// <summary>The Deployment (and Service) name in <c>manifests/incluster/experimenter.yaml</c>.</summary>
    public const string DeploymentName = "chaoslab-experimenter";

    /// <summary>The Secret the Deployment reads <c>CHAOSLAB_API_TOKEN</c> from (key <c>token</c>).</summary>
    public const string TokenSecretName = "chaoslab-api-token";

    /// <summary>The worker API's port on the Service.</summary>
    public const int ApiPort = 18088;

    /// <summary>The shop release whose namespace the worker runs in.</summary>
    public HelmReleaseResource Shop { get; } = shop;

    /// <summary>Online Boutique when the lab installs it (<see cref="InClusterExperimenterBuilderExtensions.WithOnlineBoutique"/>):
    /// the worker is then also granted <c>rbac-online-boutique.yaml</c> in its namespace.</summary>
    public OnlineBoutiqueResource? Boutique { get; internal set; }

    /// <summary>Online Boutique's namespace, or null when it is not installed.</summary>
    public string? BoutiqueNamespace => Boutique?.Namespace;

    /// <summary>Where the worker's HTTP probes really go (<c>Lab:Runner:ProbeUrlMap</c>), one entry per lab port-forward
    /// given to <see cref="InClusterExperimenterBuilderExtensions.WithProbeUrlMap"/>: experiment files probe
    /// <c>http://localhost:PORT/</c>, which is nothing inside the pod.</summary>
    public IList<InClusterProbeUrl> ProbeUrls { get; } = [];

    /// <summary>The folder with <c>rbac.yaml</c>, <c>rbac-online-boutique.yaml</c> and <c>experimenter.yaml</c>.</summary>
    public string ManifestDirectory { get; } = manifestDirectory;

    /// <summary>Where the token Secret manifest is written (mode 600) before it is applied.</summary>
    public string StateDirectory { get; } = stateDirectory;

    /// <summary>This AppHost start's API token (never logged, never on a command line).</summary>
    internal string ApiToken { get; } = apiToken;

    /// <summary>The namespace of the Deployment (the shop's).</summary>
    public string Namespace => Shop.Namespace;
}
