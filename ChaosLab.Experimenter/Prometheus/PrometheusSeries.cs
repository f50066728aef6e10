namespace ChaosLab.Experimenter.Prometheus;

/// <summary>A labelled series: one sample for an instant vector, many for a matrix.</summary>
/// <param name="Labels">The series' labels, including <c>__name__</c> when the result kept it.</param>
/// <param name="Samples">The samples in time order.</param>
public sealed record PrometheusSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<PrometheusSample> Samples)
{
    /// <summary>The value of a label, or <c>null</c> when the series does not have it.</summary>
    public string? Label(string name) => Labels.TryGetValue(name, out var value) ? value : null;
}
