namespace ChaosLab.Experimenter.Prometheus;

/// <summary>A range vector: every series carries its samples in time order (range queries always return one).</summary>
/// <param name="Series">The series (possibly none).</param>
public sealed record PrometheusMatrix(IReadOnlyList<PrometheusSeries> Series) : PrometheusResult;
