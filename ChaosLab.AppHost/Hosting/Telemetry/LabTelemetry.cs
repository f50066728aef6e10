using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChaosLab.AppHost.Hosting.Telemetry;

/// <summary>
/// The AppHost's own orchestration telemetry: one ActivitySource and one Meter. Every step
/// (preflight, cluster start/reuse, helm upgrade/skip, port-forward (re)start) is a span and a
/// duration measurement, exported to the Aspire dashboard.
/// </summary>
public static class LabTelemetry
{
    /// <summary>The name of the ActivitySource and the Meter.</summary>
    public const string Name = "ChaosLab.AppHost";

    /// <summary>The source of the orchestration spans.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>The meter of the orchestration metrics.</summary>
    public static Meter Meter { get; } = new(Name);

    /// <summary><c>chaoslab.apphost.step.duration</c> (s), tagged with step, resource and outcome.</summary>
    public static Histogram<double> StepDuration { get; } = Meter.CreateHistogram<double>(
        "chaoslab.apphost.step.duration", unit: "s", description: "Duration of an AppHost orchestration step.");

    /// <summary><c>chaoslab.apphost.portforward.restarts</c>: port-forward restarts after the process exited.</summary>
    public static Counter<long> PortForwardRestarts { get; } = Meter.CreateCounter<long>(
        "chaoslab.apphost.portforward.restarts", unit: "{restart}", description: "Port-forward restarts after kubectl exited.");

    /// <summary>Starts a step: a span now, and a duration measurement when the returned scope is disposed.</summary>
    public static LabStepScope StartStep(string step, string resource, TimeProvider timeProvider) =>
        new(step, resource, timeProvider);
}
