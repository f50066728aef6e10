using ChaosLab.Experimenter.Experiments.Demo;

namespace ChaosLab.Experimenter.Experiments.Workloads;

/// <summary>One service of a workload as validation needs it: the name its pods carry under the workload's name label,
/// what it speaks, and on which port its pods serve it.</summary>
/// <param name="Name">Component, Deployment and Service name (the value of the workload's name label).</param>
/// <param name="Protocol">What it serves on <paramref name="Port"/> (decides whether HTTPChaos can act on it).</param>
/// <param name="Port">The port its pods serve (the Service's target port; 0 when it serves nothing relevant).</param>
/// <param name="FaultFlags">Feature flags that fault it at the application layer (suggested instead of an HTTPChaos it cannot run).</param>
public sealed record WorkloadService(string Name, ServiceProtocol Protocol, int Port, IReadOnlyList<string> FaultFlags);
