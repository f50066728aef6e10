namespace ChaosLab.Experimenter.Export;

/// <summary>What <c>chaoslab export</c> writes.</summary>
public enum ExportFormat
{
    /// <summary>A Chaos Mesh Workflow: the suite (or experiment) once, in order.</summary>
    Workflow,

    /// <summary>A Chaos Mesh Schedule: the experiment (or the suite's workflow) on a cron schedule.</summary>
    Schedule,
}
