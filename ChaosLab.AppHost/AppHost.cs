using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Configuration;
using ChaosLab.AppHost.Hosting.Experimenter;
using ChaosLab.AppHost.Hosting.Helm;
using ChaosLab.AppHost.Hosting.PortForwarding;
using ChaosLab.AppHost.Hosting.Telemetry;

var builder = DistributedApplication.CreateBuilder(args);
var lab = LabOptions.Bind(builder.Configuration);
builder.AddLabOrchestrationTelemetry();

// The cluster (minikube profile or existing context), the two releases on it, their port-forwards.
var cluster = builder.AddLabCluster("cluster", lab);
var chaosMesh = cluster.AddChaosMesh();
var shop = cluster.AddAstronomyShop(lab.Shop);
if (lab.Istio.Enabled)
{
    // Optional: istio-base -> istiod -> the shop (namespace labelled for sidecars, deployments restarted once).
    shop.WithIstioSidecars(cluster.AddIstio());
}

var shopForward = shop.AddPortForward("shop", "frontend-proxy", 8080, lab.Ports.Shop)
    .WithLink("Shop", "/").WithLink("Grafana", "/grafana/").WithLink("Jaeger", "/jaeger/ui/").WithLink("Feature flags", "/feature/");
var prometheus = shop.AddPortForward("prometheus", "prometheus", 9090, lab.Ports.Prometheus).WithLink("Prometheus", "/");
chaosMesh.AddPortForward("chaos-dashboard", "chaos-dashboard", 2333, lab.Ports.ChaosDashboard).WithLink("Chaos Dashboard", "/");

// Lab:Experimenter:Hosting=InCluster: the worker is deployed from manifests/incluster into the shop's namespace
// (after both releases run) and reached through a port-forward on 127.0.0.1:18088; its pod log is the resource's log.
if (lab.Experimenter.IsInCluster)
{
    shop.AddInClusterExperimenter("experimenter", Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "manifests", "incluster")), lab.StateDirectory,
        InClusterExperimenterResource.ApiPort)
        .WaitFor(chaosMesh)
        .WithExperimentResources(builder.AppHostDirectory);
    await builder.Build().RunAsync();
    return;
}

// The experimenter starts once both releases run, with the cluster connection and Prometheus URL;
// its worker API becomes dashboard commands (run experiment, run default suite, abort all, resume runs), called
// with a random token made at every start and handed to the worker as CHAOSLAB_API_TOKEN; /health is its health.
#pragma warning disable ASPIRECERTIFICATES001 // Aspire 13.6 marks WithoutHttpsCertificate for evaluation; it is the supported switch.
builder.AddProject<Projects.ChaosLab_Experimenter>("experimenter")
    .WaitFor(chaosMesh)
    .WaitFor(shop)
    .WithLabConnection(cluster, prometheus)
    .WithExperimenterCommands()
    .WithExperimentResources(builder.AppHostDirectory)
    .WithGrafana(shopForward)
    // The lab runs over http: without this, Aspire counts the project as a TLS user (every AddProject gets an
    // HTTPS-certificate callback) and shows "No trusted development certificate" on the dashboard's first screen.
    .WithoutHttpsCertificate();
#pragma warning restore ASPIRECERTIFICATES001

await builder.Build().RunAsync();
