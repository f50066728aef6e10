namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>
/// Chaos Mesh objects that orchestrate chaos inside the cluster (group <c>chaos-mesh.org/v1alpha1</c>).
/// ChaosLab validates, renders and exports them, but never creates or runs them itself: they are
/// applied with kubectl (or a GitOps tool) and the Chaos Mesh controller runs them. Kept apart from
/// <see cref="ChaosKind"/>, which lists what the runner creates, watches and cleans up.
/// </summary>
public enum InClusterKind
{
    /// <summary>A chaos spec (or a workflow) started on a cron schedule.</summary>
    Schedule,

    /// <summary>Templates (chaos, Suspend, Serial, Parallel, StatusCheck) run from an entry template.</summary>
    Workflow,
}
