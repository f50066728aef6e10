namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>
/// A fault injected by Istio's sidecars, per request: a <c>VirtualService</c> on <see cref="Service"/>
/// with <c>http[0].fault</c>. Works on gRPC (HTTP/2), where Chaos Mesh's HTTPChaos cannot act. Istio
/// faults have no duration of their own: the run removes the VirtualService after
/// <see cref="Timing.FaultDuration"/>, and <c>chaoslab clean</c> removes leftovers.
/// </summary>
/// <param name="Service">The demo component (Kubernetes Service name) whose inbound calls are faulted.</param>
/// <param name="Delay">A fixed delay on a percentage of the calls, or null.</param>
/// <param name="Abort">An HTTP or gRPC error on a percentage of the calls, or null.</param>
/// <param name="SourceService">Only calls from this component (<c>sourceLabels</c>), or null for every caller.</param>
/// <param name="Method">Only calls whose path starts with this (a gRPC <c>/package.Service/Method</c> prefix), or null.</param>
public sealed record IstioFault(string Service, IstioDelay? Delay, IstioAbort? Abort, string? SourceService, string? Method) : Fault
{
    /// <summary>The pod label the calling service is matched by (<c>sourceLabels</c>): the workload's name label.</summary>
    public string SourceLabel { get; init; } = Demo.DemoServices.NameLabel;

    /// <inheritdoc />
    public override bool IsOneShot => false;
}
