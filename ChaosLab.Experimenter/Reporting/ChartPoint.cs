namespace ChaosLab.Experimenter.Reporting;

/// <summary>One value of a chart at one time.</summary>
public readonly record struct ChartPoint(DateTimeOffset At, double Value);
