using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>
/// Maps the worker's runs (<c>GET /api/live</c>) to what an experiment resource shows. A run goes
/// Queued → Baseline (validate, preflight, steady state before) → Injecting → Injected (observe) → Recovering
/// (recover, steady state after) → Cleaning up → Passed | Deviated | Inconclusive | Failed | Aborted | Interrupted;
/// a resource without runs is Idle. A suite shows its run in progress, or the worst outcome of its latest batch.
/// </summary>
public static class ExperimentStates
{
    /// <summary>No run yet.</summary>
    public static ResourceStateSnapshot Idle { get; } = new("Idle", KnownResourceStateStyles.Info);

    /// <summary>Queued, waiting for its turn.</summary>
    public static ResourceStateSnapshot Queued { get; } = new("Queued", KnownResourceStateStyles.Info);

    /// <summary>Validate, preflight, steady state before the fault.</summary>
    public static ResourceStateSnapshot Baseline { get; } = new("Baseline", KnownResourceStateStyles.Info);

    /// <summary>Creating the fault and waiting until it is in place.</summary>
    public static ResourceStateSnapshot Injecting { get; } = new("Injecting", KnownResourceStateStyles.Warn);

    /// <summary>The fault is in place; probes observe.</summary>
    public static ResourceStateSnapshot Injected { get; } = new("Injected", KnownResourceStateStyles.Warn);

    /// <summary>The fault is removed; waiting for recovery and the steady state after.</summary>
    public static ResourceStateSnapshot Recovering { get; } = new("Recovering", KnownResourceStateStyles.Info);

    /// <summary>Removing what the run created.</summary>
    public static ResourceStateSnapshot CleaningUp { get; } = new("Cleaning up", KnownResourceStateStyles.Info);

    /// <summary>Completed; everything judged held.</summary>
    public static ResourceStateSnapshot Passed { get; } = new("Passed", KnownResourceStateStyles.Success);

    /// <summary>Completed; the hypothesis was violated or an expectation missed.</summary>
    public static ResourceStateSnapshot Deviated { get; } = new("Deviated", KnownResourceStateStyles.Error);

    /// <summary>Completed without evidence to judge.</summary>
    public static ResourceStateSnapshot Inconclusive { get; } = new("Inconclusive", KnownResourceStateStyles.Warn);

    /// <summary>A phase failed: no verdict.</summary>
    public static ResourceStateSnapshot Failed { get; } = new("Failed", KnownResourceStateStyles.Error);

    /// <summary>A guardrail or an operator stopped it.</summary>
    public static ResourceStateSnapshot Aborted { get; } = new("Aborted", KnownResourceStateStyles.Warn);

    /// <summary>The worker was told to stop.</summary>
    public static ResourceStateSnapshot Interrupted { get; } = new("Interrupted", KnownResourceStateStyles.Warn);

    /// <summary>Never started (halt or shutdown).</summary>
    public static ResourceStateSnapshot Cancelled { get; } = new("Cancelled", KnownResourceStateStyles.Info);

    /// <summary>The states of a run in progress (Run is disabled, Abort enabled).</summary>
    public static IReadOnlySet<string> Active { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Queued.Text, Baseline.Text, Injecting.Text, Injected.Text, Recovering.Text, CleaningUp.Text,
    };

    /// <summary>The state of one run.</summary>
    public static ResourceStateSnapshot Of(LiveRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.State switch
        {
            "queued" => Queued,
            "cancelled" => Cancelled,
            "running" => run.Phase switch
            {
                "Inject" => Injecting,
                "Observe" => Injected,
                "Recover" or "SteadyStateAfter" => Recovering,
                "Cleanup" => CleaningUp,
                _ => Baseline,
            },
            _ => run.Outcome switch
            {
                "Held" => Passed,
                "Deviated" => Deviated,
                "Inconclusive" => Inconclusive,
                "Aborted" => Aborted,
                "Interrupted" => Interrupted,
                _ => run.State switch { "aborted" => Aborted, "interrupted" => Interrupted, _ => Failed },
            },
        };
    }

    /// <summary>What <paramref name="resource"/> shows, given the worker's runs (newest first). <paramref name="workerDirectory"/>
    /// resolves relative journal paths; the report (<c>JOURNAL.html</c>) is linked only when <paramref name="fileExists"/> says it is there.</summary>
    public static ExperimentView View(ShippedManifest resource, IReadOnlyList<LiveRun> runs, string workerDirectory, Func<string, bool> fileExists) =>
        View(resource, runs, new LocalRunFiles(workerDirectory).Locate, fileExists);

    /// <summary>What <paramref name="resource"/> shows, given the worker's runs (newest first); <paramref name="locate"/> says
    /// where a run's journal and HTML report are on this machine (next to a local worker, or copied from an in-cluster
    /// one), and the report is linked only when <paramref name="fileExists"/> says it is there.</summary>
    public static ExperimentView View(
        ShippedManifest resource, IReadOnlyList<LiveRun> runs, Func<LiveRun, (string? Journal, string? Report)> locate, Func<string, bool> fileExists)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(locate);
        ArgumentNullException.ThrowIfNull(fileExists);
        var mine = resource.Kind == ExperimentResourceKind.Suite
            ? [.. runs.Where(r => r.Suite == resource.Name)]
            : runs.Where(r => r.Experiment == resource.Name).ToList();
        if (mine.Count == 0)
        {
            return new ExperimentView(Idle, [], null);
        }

        var active = mine.LastOrDefault(r => r.State == "running") ?? mine.LastOrDefault(r => r.State == "queued");
        var shown = active ?? mine[0];
        var (journal, report) = locate(shown);
        var hasReport = report is not null && fileExists(report);
        List<(string, string?)> properties =
        [
            ("chaoslab.last-run", shown.RunId),
            ("chaoslab.outcome", shown.Outcome?.ToLowerInvariant() ?? shown.State),
            ("chaoslab.fault-window", FaultWindow(shown)),
            ("chaoslab.ttr", Ttr(shown)),
            ("chaoslab.journal", journal),
            ("chaoslab.report", hasReport ? report : null),
        ];
        if (shown.Error is { } error)
        {
            properties.Add((LabResourceStates.FailureProperty, error));
        }

        var state = Of(shown);
        if (resource.Kind == ExperimentResourceKind.Suite)
        {
            var batch = mine.Where(r => r.QueuedAt == mine[0].QueuedAt).ToList();
            properties.Add(("chaoslab.current-experiment", active?.Experiment));
            properties.Add(("chaoslab.batch", Batch(batch)));
            state = active is not null ? state : Worst(batch);
        }

        return new ExperimentView(state, properties, hasReport ? new Uri(report!).AbsoluteUri : null);
    }

    private static string? FaultWindow(LiveRun run) => run.FaultStart switch
    {
        null => null,
        { } from when run.FaultEnd is { } to => string.Create(CultureInfo.InvariantCulture, $"{from.UtcDateTime:O} → {to.UtcDateTime:O} ({(to - from).TotalSeconds:0.#} s)"),
        { } from => string.Create(CultureInfo.InvariantCulture, $"{from.UtcDateTime:O} → (in place)"),
    };

    private static string? Ttr(LiveRun run) => run.Ttr.Count == 0
        ? null
        : string.Join("; ", run.Ttr.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Value is { } s
            ? string.Create(CultureInfo.InvariantCulture, $"{t.Key} {s:0.#} s")
            : $"{t.Key} not recovered"));

    private static string Batch(List<LiveRun> batch) => string.Create(CultureInfo.InvariantCulture,
        $"{batch.Count} run(s): ") + string.Join(", ", batch.GroupBy(r => Of(r).Text).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));

    // Worst first: a deviation or failure anywhere is what the suite says.
    private static ResourceStateSnapshot Worst(List<LiveRun> batch)
    {
        ResourceStateSnapshot[] order = [Deviated, Failed, Aborted, Interrupted, Inconclusive, Cancelled, Passed];
        var states = batch.Select(Of).Select(s => s.Text).ToHashSet(StringComparer.Ordinal);
        return order.FirstOrDefault(s => states.Contains(s.Text)) ?? Passed;
    }
}
