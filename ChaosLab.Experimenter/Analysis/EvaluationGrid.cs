namespace ChaosLab.Experimenter.Analysis;

/// <summary>Where an SLI is evaluated: every <see cref="Step"/> from <see cref="Start"/> to <see cref="End"/>, with the
/// data's sampling <see cref="Interval"/> and the <c>irate</c> <see cref="Lookback"/> its template needs.</summary>
/// <param name="Start">First evaluation (whole milliseconds: the API speaks milliseconds).</param>
/// <param name="End">Last evaluation at most.</param>
/// <param name="Step">Evaluation step.</param>
/// <param name="Interval">Sampling interval.</param>
/// <param name="Lookback">Range of <c>irate</c> (2 sampling intervals).</param>
public sealed record EvaluationGrid(DateTimeOffset Start, DateTimeOffset End, TimeSpan Step, TimeSpan Interval, TimeSpan Lookback);
