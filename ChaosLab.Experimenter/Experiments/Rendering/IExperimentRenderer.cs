using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Experimenter.Experiments.Rendering;

/// <summary>Turns a validated experiment into the Kubernetes objects ChaosLab creates for one run.</summary>
public interface IExperimentRenderer
{
    /// <summary>
    /// Renders the objects for <paramref name="runId"/>: each carries the ChaosLab labels
    /// (<see cref="ChaosLabLabels"/>), a name derived from experiment and run, the experiment's
    /// namespace and <c>spec.duration</c>. A <see cref="FlagFault"/> renders no objects (the engine
    /// patches the flagd ConfigMap instead). Pure: no I/O, no clock; same input, same output.
    /// </summary>
    /// <param name="experiment">A validated experiment.</param>
    /// <param name="runId">The run id (<see cref="RunIds.IsValid"/>).</param>
    IReadOnlyList<JsonObject> Render(Experiment experiment, string runId);
}
