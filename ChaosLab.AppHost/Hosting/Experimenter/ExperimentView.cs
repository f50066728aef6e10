using Aspire.Hosting.ApplicationModel;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>What an experiment resource shows: its state, its properties and the latest report (a <c>file://</c> URL, or null).</summary>
public sealed record ExperimentView(ResourceStateSnapshot State, IReadOnlyList<(string Name, string? Value)> Properties, string? ReportUrl)
{
    /// <summary>Equal when state, style, properties and report are equal (so an unchanged poll publishes nothing).</summary>
    public bool Same(ExperimentView? other) =>
        other is not null
        && other.State.Text == this.State.Text && other.State.Style == this.State.Style
        && other.ReportUrl == this.ReportUrl
        && other.Properties.SequenceEqual(this.Properties);
}
