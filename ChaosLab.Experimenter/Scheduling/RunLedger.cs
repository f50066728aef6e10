using System.Globalization;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Experimenter.Scheduling;

/// <summary>The worker's list of recent runs and the one lock under which runs are admitted (halt, queue
/// bound), started (queued → running) and cancelled by a halt, so no run slips between a halt and its start.</summary>
public sealed class RunLedger(SchedulerOptions options, WorkerHalt halt, TimeProvider time)
{
    private const int Remembered = 100;
    private readonly Lock gate = new();
    private readonly List<RunSummary> recent = [];

    /// <summary>The most recent runs, newest first.</summary>
    public IReadOnlyList<RunSummary> Recent
    {
        get
        {
            lock (this.gate)
            {
                return [.. Enumerable.Reverse(this.recent)];
            }
        }
    }

    /// <summary>How many runs wait to start.</summary>
    public int QueuedCount
    {
        get
        {
            lock (this.gate)
            {
                return this.recent.Count(r => r.State == RunSummary.Queued);
            }
        }
    }

    /// <summary>Why a run did not start when a halt came first.</summary>
    public static string NotStarted(HaltStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return string.Create(CultureInfo.InvariantCulture, $"cancelled before it started: the worker was halted at {status.Since:O} ({status.Reason})");
    }

    /// <summary>Queues the runs of a request unless the worker is halted or the queue would overflow; the token
    /// is cancelled by the next halt.</summary>
    public (RunAdmission Admission, CancellationToken HaltToken) Admit(IReadOnlyList<Experiment> experiments, string? suite, bool bounded)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        lock (this.gate)
        {
            if (halt.Current is { } halted)
            {
                return (new RunAdmission(AdmissionOutcome.Halted, [], halted.Message), default);
            }

            var queued = this.recent.Count(r => r.State == RunSummary.Queued);
            if (bounded && queued + experiments.Count > options.MaxQueuedRuns)
            {
                var what = suite is null ? "this run" : $"suite '{suite}' ({experiments.Count} runs)";
                return (new RunAdmission(AdmissionOutcome.QueueFull, [], string.Create(CultureInfo.InvariantCulture,
                    $"the run queue is full: {queued} run(s) wait to start and {what} would exceed Lab:Experimenter:MaxQueuedRuns = {options.MaxQueuedRuns}; try again when runs have finished (GET /api/runs)")), default);
            }

            return (new RunAdmission(AdmissionOutcome.Accepted, [.. experiments.Select(e => this.Remember(e, suite))], null), halt.Token);
        }
    }

    /// <summary>Starts a halt: every queued run is cancelled with the reason; returns the halt and the runs in progress.</summary>
    public (HaltStatus Halt, IReadOnlyList<string> Running) BeginHalt(string reason)
    {
        lock (this.gate)
        {
            var status = halt.Begin(reason);
            var why = NotStarted(status);
            foreach (var queued in this.recent.Where(r => r.State == RunSummary.Queued))
            {
                queued.Cancel(why);
            }

            return (status, [.. this.recent.Where(r => r.State == RunSummary.Running).Select(r => r.RunId)]);
        }
    }

    /// <summary>Queued → running, unless a halt came first (then the run is cancelled and never starts).</summary>
    public bool TryBegin(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        lock (this.gate)
        {
            if (summary.State != RunSummary.Queued)
            {
                return false;
            }

            if (halt.Current is { } halted)
            {
                summary.Cancel(NotStarted(halted));
                return false;
            }

            summary.State = RunSummary.Running;
            return true;
        }
    }

    // Called under the gate.
    private RunSummary Remember(Experiment experiment, string? suite)
    {
        var summary = new RunSummary(RunIdGenerator.New(time), experiment.Name, suite, time.GetUtcNow());
        this.recent.Add(summary);
        for (var i = 0; this.recent.Count > Remembered && i < this.recent.Count;)
        {
            // Forget the oldest finished runs first; queued and running ones stay listed.
            if (this.recent[i].State is RunSummary.Queued or RunSummary.Running)
            {
                i++;
            }
            else
            {
                this.recent.RemoveAt(i);
            }
        }

        return summary;
    }
}
