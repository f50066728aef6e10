using ChaosLab.Experimenter.Experiments.Demo;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Safety;

namespace ChaosLab.Experimenter.Experiments.Workloads;

/// <summary>
/// Google's Online Boutique v0.10.6 (the release manifest vendored in
/// <c>manifests/workloads/online-boutique/</c>), in namespace <see cref="Namespace"/>. Every Deployment there has one
/// replica and its pods carry only <c>app: &lt;name&gt;</c>; every service speaks gRPC except the frontend (HTTP/1) and
/// redis-cart (the Redis protocol); the load generator serves nothing. Online Boutique has no feature flags and, as the
/// release manifest installs it, sends no telemetry: its SLIs are HTTP probes on its frontend and pod-level recovery.
/// A test checks this table against the vendored manifest.
/// </summary>
public sealed class OnlineBoutiqueWorkload : Workload
{
    /// <summary>The namespace the lab installs it in, and by which experiments name it.</summary>
    public const string Namespace = "online-boutique";

    /// <summary>The pod label its manifests (and ChaosLab's experiments) select on.</summary>
    public const string AppLabel = "app";

    /// <summary>Replicas of each Deployment in the release manifest.</summary>
    public const int DefaultReplicas = 1;

    private static readonly IReadOnlyList<WorkloadService> Catalog =
    [
        new("frontend", ServiceProtocol.Http1, 8080, []),   // Service port 80 -> 8080
        new("adservice", ServiceProtocol.Grpc, 9555, []),
        new("cartservice", ServiceProtocol.Grpc, 7070, []),
        new("checkoutservice", ServiceProtocol.Grpc, 5050, []),
        new("currencyservice", ServiceProtocol.Grpc, 7000, []),
        new("emailservice", ServiceProtocol.Grpc, 8080, []),   // Service port 5000 -> 8080
        new("paymentservice", ServiceProtocol.Grpc, 50051, []),
        new("productcatalogservice", ServiceProtocol.Grpc, 3550, []),
        new("recommendationservice", ServiceProtocol.Grpc, 8080, []),
        new("shippingservice", ServiceProtocol.Grpc, 50051, []),
        new("redis-cart", ServiceProtocol.NotHttp, 6379, []),
        new("loadgenerator", ServiceProtocol.NotHttp, 0, []),
    ];

    /// <inheritdoc />
    public override string DisplayName => "Online Boutique";

    /// <inheritdoc />
    public override string ServiceNoun => "Online Boutique service";

    /// <inheritdoc />
    public override string NameLabel => AppLabel;

    /// <inheritdoc />
    public override IReadOnlyList<string> ComponentLabels { get; } = [AppLabel];

    /// <inheritdoc />
    public override IReadOnlyList<WorkloadService> Services => Catalog;

    /// <inheritdoc />
    public override string ExampleService => "productcatalogservice";

    /// <inheritdoc />
    public override string PodSource => "in Online Boutique's release manifest";

    /// <inheritdoc />
    public override bool SpanMetricsInLab => false;

    /// <inheritdoc />
    public override string IstioAdvice => $"an Istio fault (fault.istio; needs Lab:Istio:Enabled=true and Istio sidecars in the pods of namespace {Namespace})";

    /// <inheritdoc />
    public override int CountPods(PodSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);

        // Annotation and field selectors are not known here, so they are not applied (an upper bound).
        var unnarrowed = selection with { Annotations = new Dictionary<string, string>() };
        return Catalog.Count(s => unnarrowed.Matches(new Dictionary<string, string> { [AppLabel] = s.Name }, phase: "Running")) * DefaultReplicas;
    }

    /// <summary>Its Deployment Ready before and after the fault (pod-level recovery). No span-metrics probes: Online
    /// Boutique sends none to the lab's Prometheus.</summary>
    public override Hypothesis DefaultHypothesis(string service, string targetNamespace) => new(
    [
        new DeploymentReadyProbe(targetNamespace, service, 1)
        {
            Name = $"{service}-ready",
            Phases = ProbePhases.Before | ProbePhases.After,
        },
    ]);

    /// <summary>The service a Chaos Mesh selector names by <c>app</c>, or an Istio fault's service. Flag faults switch the
    /// Astronomy Shop's flagd flags; Online Boutique has none, so they target none of its services.</summary>
    public override string? TargetOf(Fault fault) => fault switch
    {
        ChaosMeshFault chaos => this.ServiceOfSelector(chaos.Spec["selector"]),
        IstioFault istio => istio.Service,
        _ => null,
    };

    /// <summary>None: Online Boutique has no feature flags.</summary>
    public override string? ServiceOfFlag(string? flag) => null;
}
