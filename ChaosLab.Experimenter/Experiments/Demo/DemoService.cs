namespace ChaosLab.Experimenter.Experiments.Demo;

/// <summary>One component of the Astronomy Shop (chart 0.41.0): pod label <c>opentelemetry.io/name</c> = <see cref="Name"/>.</summary>
/// <param name="Name">Component, Deployment and <c>service_name</c> in metrics.</param>
/// <param name="Protocol">What it serves on <paramref name="Port"/>.</param>
/// <param name="Port">Service port (0 when it serves nothing relevant).</param>
/// <param name="FaultFlags">flagd flags this service's own code reads (each flag belongs to exactly one service).</param>
public sealed record DemoService(string Name, ServiceProtocol Protocol, int Port, IReadOnlyList<string> FaultFlags);
