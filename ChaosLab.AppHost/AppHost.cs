using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Configuration;
using ChaosLab.AppHost.Hosting.Experimenter;
using ChaosLab.AppHost.Hosting.Helm;
using ChaosLab.AppHost.Hosting.PortForwarding;
using ChaosLab.AppHost.Hosting.Telemetry;
using ChaosLab.AppHost.Hosting.Workloads;

var builder = DistributedApplication.CreateBuilder(args);
var lab = LabOptions.Bind(builder.Configuration);
builder.AddLabOrchestrationTelemetry();

// The cluster (minikube profile or existing context), Chaos Mesh, the workloads of Lab:Workloads, their port-forwards.
var cluster = builder.AddLabCluster("cluster", lab);
var chaosMesh = cluster.AddChaosMesh();
chaosMesh.AddPortForward("chaos-dashboard", "chaos-dashboard", 2333, lab.Ports.ChaosDashboard).WithLink("Chaos Dashboard", "/");

// The Astronomy Shop (default) brings the lab's observability: its collector, Prometheus, Grafana and Jaeger.
IResourceBuilder<HelmReleaseResource>? shop = null;
IResourceBuilder<PortForwardResource>? shopForward = null, prometheus = null;
if (lab.HasShop)
{
    shop = cluster.AddAstronomyShop(lab.Shop);
    if (lab.Istio.Enabled)
    {
        // Optional: istio-base -> istiod -> the shop (namespace labelled for sidecars, deployments restarted once).
        shop.WithIstioSidecars(cluster.AddIstio());
    }

    shopForward = shop.AddPortForward("shop", "frontend-proxy", 8080, lab.Ports.Shop)
        .WithLink("Shop", "/").WithLink("Grafana", "/grafana/").WithLink("Jaeger", "/jaeger/ui/").WithLink("Feature flags", "/feature/");
    prometheus = shop.AddPortForward("prometheus", "prometheus", 9090, lab.Ports.Prometheus).WithLink("Prometheus", "/");
}

// Online Boutique (Lab:Workloads names it): the pinned release manifest applied into its own namespace.
IResourceBuilder<OnlineBoutiqueResource>? boutique = null;
IResourceBuilder<PortForwardResource>? boutiqueForward = null;
if (lab.HasOnlineBoutique)
{
    boutique = cluster.AddOnlineBoutique("online-boutique", lab);
    boutiqueForward = boutique.AddPortForward("boutique", "frontend", 80, lab.Ports.OnlineBoutique).WithLink("Online Boutique", "/");
}

// Lab:Experimenter:Hosting=InCluster: the worker is deployed from manifests/incluster into the shop's namespace
// (after both releases run) and reached through a port-forward on 127.0.0.1:18088; its pod log is the resource's log.
// Without the shop the configuration is invalid (the cluster resource says so) and no worker is modelled.
// With Online Boutique it also waits for it and is granted rbac-online-boutique.yaml in its namespace. Experiments probe
// the laptop's forwards (http://localhost:PORT/), which are nothing in the pod: the worker maps each forward's URL to its
// Service (Lab:Runner:ProbeUrlMap), Online Boutique's only when it is installed.
if (lab.Experimenter.IsInCluster)
{
    var inCluster = shop?.AddInClusterExperimenter("experimenter", Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "manifests", "incluster")), lab.StateDirectory,
        InClusterExperimenterResource.ApiPort)
        .WaitFor(chaosMesh)
        .WithExperimentResources(builder.AppHostDirectory);
    if (inCluster is not null && shopForward is not null)
    {
        inCluster.WithProbeUrlMap(shopForward);
    }

    if (inCluster is not null && boutique is not null && boutiqueForward is not null)
    {
        inCluster.WithOnlineBoutique(boutique).WithProbeUrlMap(boutiqueForward);
    }

    await builder.Build().RunAsync();
    return;
}

// The experimenter starts once Chaos Mesh and the workloads run, with the cluster connection and (with the shop) the
// Prometheus and Grafana URLs; without the shop it runs without Prometheus, and experiments that query it are refused
// at preflight. Its worker API becomes dashboard commands (run experiment, run default suite, abort all, resume runs),
// called with a random token made at every start and handed to the worker as CHAOSLAB_API_TOKEN; /health is its health.
#pragma warning disable ASPIRECERTIFICATES001 // Aspire 13.6 marks WithoutHttpsCertificate for evaluation; it is the supported switch.
var experimenter = builder.AddProject<Projects.ChaosLab_Experimenter>("experimenter")
    .WaitFor(chaosMesh);
if (shop is not null && prometheus is not null && shopForward is not null)
{
    experimenter.WaitFor(shop).WithLabConnection(cluster, prometheus).WithGrafana(shopForward);
}
else
{
    experimenter.WithLabConnection(cluster);
}

if (boutique is not null)
{
    experimenter.WaitFor(boutique);
}

experimenter
    .WithExperimenterCommands()
    .WithExperimentResources(builder.AppHostDirectory)
    // The lab runs over http: without this, Aspire counts the project as a TLS user (every AddProject gets an
    // HTTPS-certificate callback) and shows "No trusted development certificate" on the dashboard's first screen.
    .WithoutHttpsCertificate();
#pragma warning restore ASPIRECERTIFICATES001

await builder.Build().RunAsync();
