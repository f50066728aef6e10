using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChaosLab.Experimenter.Telemetry;

/// <summary>The experimenter's one <see cref="ActivitySource"/> and one <see cref="Meter"/>.</summary>
public static class ChaosLabTelemetry
{
    /// <summary>Name of the activity source and the meter, exported to the Aspire dashboard.</summary>
    public const string Name = "ChaosLab.Experimenter";

    /// <summary>Spans for runs and their phases.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    /// <summary>Metrics for runs, verdicts and recovery times.</summary>
    public static readonly Meter Meter = new(Name);
}
