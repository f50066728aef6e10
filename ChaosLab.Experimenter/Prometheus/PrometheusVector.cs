namespace ChaosLab.Experimenter.Prometheus;

/// <summary>An instant vector: every series carries exactly one sample.</summary>
/// <param name="Series">The series (possibly none).</param>
public sealed record PrometheusVector(IReadOnlyList<PrometheusSeries> Series) : PrometheusResult;
