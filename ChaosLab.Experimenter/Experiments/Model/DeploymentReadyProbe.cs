namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>A Kubernetes probe: a Deployment must have at least <see cref="MinReadyReplicas"/> ready replicas.</summary>
/// <param name="Namespace">Namespace of the Deployment; null means the experiment's namespace.</param>
/// <param name="Deployment">Deployment name (demo: the component name, e.g. <c>product-catalog</c>).</param>
/// <param name="MinReadyReplicas">Minimum <c>status.readyReplicas</c> (default 1).</param>
public sealed record DeploymentReadyProbe(string? Namespace, string Deployment, int MinReadyReplicas) : Probe;
