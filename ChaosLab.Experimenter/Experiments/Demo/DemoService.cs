namespace ChaosLab.Experimenter.Experiments.Demo;

/// <summary>One component of the Astronomy Shop (chart 0.41.0): pod label <c>opentelemetry.io/name</c> = <see cref="Name"/>.</summary>
/// <param name="Name">Component, Deployment and <c>service_name</c> in metrics.</param>
/// <param name="Protocol">What it serves on <paramref name="Port"/>.</param>
/// <param name="Port">Service port (0 when it serves nothing relevant).</param>
/// <param name="FaultFlags">flagd flags that fault this service at the application layer (its own calls fail or slow down,
/// whichever service reads the flag): what validation suggests instead of an HTTPChaos it cannot run.</param>
public sealed record DemoService(string Name, ServiceProtocol Protocol, int Port, IReadOnlyList<string> FaultFlags)
{
    /// <summary>The flags this service's own code reads: a flag fault on one of them targets this service. Each flag of the
    /// demo's flag file is listed under exactly one service.</summary>
    public IReadOnlyList<string> ReadsFlags { get; init; } = [];
}
