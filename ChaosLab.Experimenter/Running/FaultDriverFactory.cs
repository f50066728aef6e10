using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Kubernetes;
using k8s;

namespace ChaosLab.Experimenter.Running;

/// <summary>Picks the fault driver for an experiment's fault: Chaos Mesh objects (which must carry a
/// <c>spec.duration</c>, the cluster's dead-man's switch), a demo flag switch, or an Istio VirtualService fault.</summary>
internal sealed class FaultDriverFactory(IKubernetes client, ChaosMeshClient chaos, PodClient pods, ExperimentRunnerOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>The driver for <paramref name="experiment"/>'s fault, over the rendered objects of this run.</summary>
    public IFaultDriver Create(Experiment experiment, IReadOnlyList<JsonObject> rendered, string runId, RunContext run)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(rendered);
        switch (experiment.Fault)
        {
            case ChaosMeshFault fault:
                if (rendered.Count != 1 || !HasDuration(rendered[0]))
                {
                    throw new RunFailedException("the rendered Chaos Mesh object has no spec.duration (every ChaosLab fault carries one, the cluster's dead-man's switch)");
                }

                return new ChaosMeshFaultDriver(chaos, pods, ChaosResource.FromJson(rendered[0]), fault.IsOneShot, experiment.Guardrails.MaxPodsAffected, options, run, logger);
            case FlagFault flag:
                return new FlagFaultDriver(client, flag, experiment.Namespace, runId, experiment.Timing.FaultDuration, time);
            case IstioFault:
                return new IstioFaultDriver(new VirtualServiceClient(client, time), rendered[0], options, time);
            default:
                throw new RunFailedException($"unsupported fault type {experiment.Fault.GetType().Name}");
        }
    }

    private static bool HasDuration(JsonObject rendered) =>
        rendered["spec"]?["duration"]?.GetValue<string>() is { Length: > 0 } d && GoDuration.TryParse(d, out var value, out _) && value > TimeSpan.Zero;
}
