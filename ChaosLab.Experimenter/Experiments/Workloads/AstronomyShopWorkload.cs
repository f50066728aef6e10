using ChaosLab.Experimenter.Experiments.Demo;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Safety;

namespace ChaosLab.Experimenter.Experiments.Workloads;

/// <summary>
/// The OpenTelemetry demo, "Astronomy Shop" (chart 0.41.0): the lab's default workload. Its facts live in
/// <c>Experiments/Demo/</c> (<see cref="DemoServices"/>, <see cref="DemoPods"/>, <see cref="Demo.DefaultHypothesis"/>);
/// this class only presents them as a <see cref="Workload"/>.
/// </summary>
public sealed class AstronomyShopWorkload : Workload
{
    private static readonly IReadOnlyList<WorkloadService> Catalog =
        [.. DemoServices.All.Select(s => new WorkloadService(s.Name, s.Protocol, s.Port, s.FaultFlags))];

    /// <inheritdoc />
    public override string DisplayName => "the Astronomy Shop";

    /// <inheritdoc />
    public override string ServiceNoun => "demo service";

    /// <inheritdoc />
    public override string NameLabel => DemoServices.NameLabel;

    /// <inheritdoc />
    public override IReadOnlyList<string> ComponentLabels => DemoServices.ComponentLabels;

    /// <inheritdoc />
    public override IReadOnlyList<WorkloadService> Services => Catalog;

    /// <inheritdoc />
    public override string ExampleService => "product-catalog";

    /// <inheritdoc />
    public override string PodSource => "in the demo's manifests";

    /// <inheritdoc />
    public override bool SpanMetricsInLab => true;

    /// <inheritdoc />
    public override string IstioAdvice => "an Istio fault (fault.istio: per-request delay and abort with a grpcStatus; needs Lab:Istio:Enabled=true)";

    /// <inheritdoc />
    public override int CountPods(PodSelection selection) => DemoPods.Count(selection);

    /// <inheritdoc />
    public override Hypothesis DefaultHypothesis(string service, string targetNamespace) => Demo.DefaultHypothesis.For(service, targetNamespace);

    /// <inheritdoc />
    public override string? TargetOf(Fault fault) => DemoServices.TargetOf(fault);

    /// <inheritdoc />
    public override string? ServiceOfFlag(string? flag) => DemoServices.ServiceOfFlag(flag);
}
