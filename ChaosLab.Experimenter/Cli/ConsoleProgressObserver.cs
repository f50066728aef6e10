using System.Globalization;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Experimenter.Cli;

/// <summary>Shows a run's progress on the console: phases, the fault, recoveries, and a line at most every
/// few seconds while waiting.</summary>
public sealed class ConsoleProgressObserver(TextWriter output, TimeProvider time) : IRunObserver
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(5);
    private readonly Lock gate = new();
    private long lastProgress;

    /// <inheritdoc/>
    public void OnRunStarted(in RunStartedEvent e) => this.Write($"run {e.RunId}: {e.Experiment} ({e.FaultKind})");

    /// <inheritdoc/>
    public void OnPhaseStarted(in PhaseEvent e)
    {
        this.Write($"{e.Phase} …");
        this.lastProgress = time.GetTimestamp();
    }

    /// <inheritdoc/>
    public void OnPhaseEnded(in PhaseEvent e) => this.Write(e.Outcome == "ok" ? $"{e.Phase} ok" : $"{e.Phase} {e.Outcome}: {e.Error}");

    /// <inheritdoc/>
    public void OnFaultInjected(in FaultEvent e) => this.Write($"injected {e.Kind} {e.ObjectName} on {string.Join(", ", e.Targets)}");

    /// <inheritdoc/>
    public void OnFaultRecovered(in FaultEvent e) => this.Write(e.Elapsed is { } t
        ? string.Create(CultureInfo.InvariantCulture, $"recovered {e.ObjectName} after {t.TotalSeconds:0.0} s")
        : $"recovered {e.ObjectName}");

    /// <inheritdoc/>
    public void OnPodsRecovered(in PodsRecoveredEvent e) => this.Write(e.Recovery.TimeToRecover is { } t
        ? string.Create(CultureInfo.InvariantCulture, $"pods ({e.Recovery.Selector}) Ready again after {t.TotalSeconds:0.00} s")
        : $"pods ({e.Recovery.Selector}) not Ready again");

    /// <inheritdoc/>
    public void OnProgress(in RunProgressEvent e)
    {
        if (time.GetElapsedTime(this.lastProgress) < Quiet)
        {
            return;
        }

        this.lastProgress = time.GetTimestamp();
        this.Write(e.Limit is { } limit
            ? string.Create(CultureInfo.InvariantCulture, $"  … {e.Message} ({e.Elapsed.TotalSeconds:0} s / {limit.TotalSeconds:0} s)")
            : string.Create(CultureInfo.InvariantCulture, $"  … {e.Message} ({e.Elapsed.TotalSeconds:0} s)"));
    }

    /// <inheritdoc/>
    public void OnRunCompleted(in RunCompletedEvent e) => this.Write(string.Create(CultureInfo.InvariantCulture,
        $"run {e.RunId}: {e.Status.ToString().ToLowerInvariant()}, deviated {(e.Deviated is { } d ? (d ? "yes" : "no") : "n/a")}, outcome {e.Outcome.ToString().ToLowerInvariant()}, exit code {ExitCodes.For(e.Outcome)}, {e.Duration.TotalSeconds:0.0} s; journal {e.JournalPath}"));

    private void Write(string line)
    {
        lock (this.gate)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{time.GetLocalNow():HH:mm:ss}] {line}"));
        }
    }
}
