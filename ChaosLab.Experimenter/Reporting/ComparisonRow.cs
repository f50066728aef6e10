namespace ChaosLab.Experimenter.Reporting;

/// <summary>One line of <c>chaoslab compare</c>: a measure of one experiment in the baseline and the new run.</summary>
/// <param name="Experiment">The experiment both runs ran.</param>
/// <param name="Measure"><c>verdict</c>, <c>pod TTR</c>, <c>TTR &lt;sli&gt;</c> or <c>peak &lt;sli&gt;</c>.</param>
/// <param name="Baseline">The baseline's value, as text.</param>
/// <param name="New">The new run's value, as text.</param>
/// <param name="Result"><c>ok</c>, <c>better</c>, <c>REGRESSION</c>, <c>missing</c> or <c>new</c>, with the reason when it is a regression.</param>
/// <param name="IsRegression">Whether this line fails the gate.</param>
public sealed record ComparisonRow(string Experiment, string Measure, string Baseline, string New, string Result, bool IsRegression);
