namespace ChaosLab.Experimenter.Analysis;

/// <summary>Which way an SLI gets worse; decides which sides of the tolerance band exist and what "peak" means.</summary>
public enum SliDirection
{
    /// <summary>Higher is worse (error ratio, latency): the band has only an upper bound.</summary>
    HigherIsWorse,

    /// <summary>Lower is worse: the band has only a lower bound.</summary>
    LowerIsWorse,

    /// <summary>Both ways are a deviation (throughput: a drop, or a retry storm): the band has both bounds.</summary>
    Both,
}
