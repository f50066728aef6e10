namespace ChaosLab.Experimenter.Worker;

/// <summary>The outcome of asking the API server for its version.</summary>
/// <param name="Reachable">Whether the server answered.</param>
/// <param name="Description">One line for logs and the health endpoint.</param>
public readonly record struct ClusterProbe(bool Reachable, string Description);
