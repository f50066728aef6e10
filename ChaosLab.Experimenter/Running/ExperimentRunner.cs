using System.Globalization;
using ChaosLab.Experimenter.Analysis;
using ChaosLab.Experimenter.Analysis.Journal;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Rendering;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Prometheus;
using k8s;

namespace ChaosLab.Experimenter.Running;

/// <summary>Runs one experiment in the fixed phase order validate → preflight → steady state before (gate)
/// → inject → observe → recover → steady state after, with cleanup in <c>finally</c>; writes the journal
/// after every phase. Telemetry, progress and reports subscribe through <see cref="IRunObserver"/>.</summary>
public sealed partial class ExperimentRunner
{
    private readonly IKubernetes client;
    private readonly IExperimentRenderer renderer;
    private readonly IReadOnlyList<IRunObserver> observers;
    private readonly ExperimentRunnerOptions options;
    private readonly ActiveRuns activeRuns;
    private readonly TimeProvider time;
    private readonly ILogger<ExperimentRunner> logger;
    private readonly HypothesisSampler hypothesis;
    private readonly IPrometheusClient? prometheus;
    private readonly RunPreflight preflight;
    private readonly FaultDriverFactory drivers;

    /// <summary>Creates a runner over one cluster; <paramref name="safety"/> defaults to the policy of <see cref="ExperimentRunnerOptions.Safety"/>.</summary>
    public ExperimentRunner(
        IKubernetes client,
        IPrometheusClient? prometheus,
        HttpClient http,
        IExperimentRenderer renderer,
        IEnumerable<IRunObserver> observers,
        ExperimentRunnerOptions options,
        ActiveRuns activeRuns,
        TimeProvider time,
        ILoggerFactory loggers,
        RunSafetyCheck? safety = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        options.Validate();
        this.client = client;
        var chaos = new ChaosMeshClient(client, time, loggers.CreateLogger<ChaosMeshClient>());
        var pods = new PodClient(client, time);
        this.renderer = renderer;
        this.observers = [.. observers];
        this.options = options;
        this.activeRuns = activeRuns;
        this.time = time;
        this.logger = loggers.CreateLogger<ExperimentRunner>();
        this.hypothesis = new HypothesisSampler(prometheus, http, pods, time, options.ProbeUrlMap);
        this.prometheus = prometheus;
        var calls = new ClusterCalls(ClusterRetryOptions.Default, time, this.logger);
        this.preflight = new RunPreflight(
            client,
            calls,
            safety ?? new RunSafetyCheck(client, new Experiments.Safety.BlastRadiusPolicy(options.Safety), calls),
            options,
            hasPrometheus: prometheus is not null,
            this.logger);
        this.drivers = new FaultDriverFactory(client, chaos, pods, options, time, this.logger);
    }

    /// <summary>Runs the experiment. Never throws for cluster or probe failures (they end up in the journal);
    /// cancellation interrupts the run, and cleanup still happens.</summary>
    public async Task<RunResult> RunAsync(Experiment experiment, RunRequest? request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var runId = request?.RunId ?? RunIdGenerator.New(this.time);
        var journal = new RunJournal
        {
            RunId = runId,
            Experiment = experiment.Name,
            Source = experiment.Source,
            StartedAt = this.time.GetUtcNow(),
            PrometheusUrl = this.options.PrometheusUrl?.ToString(),
            Service = Experiments.Workloads.WorkloadCatalog.For(experiment.Namespace).TargetOf(experiment.Fault),
        };
        using var writer = new JournalWriter(request?.ResultsDirectory ?? this.options.ResultsDirectory, journal);
        var run = new RunContext(journal, writer, this.observers, this.time);
        var started = this.time.GetTimestamp();
        using var registration = this.activeRuns.Register(runId, cancellationToken);
        var token = registration.Token;
        IFaultDriver? driver = null;
        SliPreflight? sliPreflight = null;
        FaultLease? lease = null;
        LogRunStarting(this.logger, experiment.Name, runId, writer.Path);
        var faultKind = experiment.Fault switch { ChaosMeshFault c => c.Kind.ToString(), IstioFault => "istio", _ => "flag" };
        run.Each(o => o.OnRunStarted(new RunStartedEvent(runId, experiment.Name, faultKind, journal.StartedAt)));
        await run.SaveAsync();
        try
        {
            await this.PhaseAsync(run, RunPhase.Validate, () =>
            {
                journal.ExperimentAsRun = ExperimentSnapshot.From(experiment, this.options.ProbeUrlMap);
                var rendered = this.renderer.Render(experiment, runId);
                journal.RenderedObjects.AddRange(rendered.Select(o => (System.Text.Json.Nodes.JsonObject)o.DeepClone()));
                driver = this.drivers.Create(experiment, rendered, runId, run);
                return Task.CompletedTask;
            });
            await this.PhaseAsync(run, RunPhase.Preflight, async () =>
            {
                await this.preflight.CheckAsync(experiment, driver!, token);
                sliPreflight = this.options.PrometheusUrl is { } prometheusUrl && this.prometheus is not null
                    ? await new RunSliPass(this.prometheus, prometheusUrl, this.time).PreflightAsync(experiment, journal.Service, token) : null;
                if (sliPreflight?.Problem is { } sliProblem)
                {
                    throw new RunFailedException(sliProblem);
                }
            });
            await this.PhaseAsync(run, RunPhase.SteadyStateBefore, async () =>
            {
                journal.From = this.time.GetUtcNow();
                await this.hypothesis.SampleWindowAsync(run, experiment, RunPhase.SteadyStateBefore, ProbePhases.Before, experiment.Timing.Baseline, guardrails: null, token);
                var verdicts = HypothesisSampler.Judge(run, experiment, RunPhase.SteadyStateBefore, ProbePhases.Before);
                var failed = verdicts.Where(v => v.Held == false).ToList();
                if (failed.Count > 0)
                {
                    throw new RunFailedException("steady state not met before the fault (no fault injected): " + string.Join("; ", failed.Select(v => $"{v.Probe}: {v.Detail}")));
                }

                // A gate that could not be read cannot let a fault through.
                var unread = verdicts.Where(v => v.Held is null).ToList();
                if (unread.Count > 0)
                {
                    throw new RunFailedException("steady state could not be confirmed before the fault (no fault injected): " + string.Join("; ", unread.Select(v => $"{v.Probe}: {v.Detail}")));
                }
            });
            await this.PhaseAsync(run, RunPhase.Inject, async () =>
            {
                journal.Injection = driver!.Record;
                lease = await FaultLease.AcquireAsync(this.client, driver.TargetNamespaces, runId, this.options.Lease, this.time, this.logger, token);
                await driver.InjectAsync(token);
                journal.FaultStart = driver.Record.InjectedAt;
                LogInjected(this.logger, driver.Record.Kind, driver.Record.Namespace, driver.Record.Name, driver.Record.Targets);
                var at = driver.Record.InjectedAt ?? this.time.GetUtcNow();
                run.Each(o => o.OnFaultInjected(new FaultEvent(runId, experiment.Name, driver.Record.Kind, driver.Record.Name, at, at - driver.Record.CreatedAt, driver.Record.Targets)));
            });
            await this.PhaseAsync(run, RunPhase.Observe, async () =>
            {
                var guard = new GuardrailMonitor(experiment.Guardrails.AbortWhen);
                await ObservedFault.ObserveAsync(driver!, journal, experiment.Timing.FaultDuration, t => this.hypothesis.SampleWindowAsync(run, experiment, RunPhase.Observe, ProbePhases.During, experiment.Timing.FaultDuration, guard, t), token);
                HypothesisSampler.Judge(run, experiment, RunPhase.Observe, ProbePhases.During);
            });
            await this.PhaseAsync(run, RunPhase.Recover, async () =>
            {
                journal.FaultEnd = this.time.GetUtcNow();
                await driver!.RecoverAsync(experiment.Timing.RecoveryTimeout, token);
                var at = driver.Record.RecoveredAt ?? this.time.GetUtcNow();
                run.Each(o => o.OnFaultRecovered(new FaultEvent(runId, experiment.Name, driver.Record.Kind, driver.Record.Name, at, at - driver.Record.InjectedAt, driver.Record.Targets)));
            });
            await this.PhaseAsync(run, RunPhase.SteadyStateAfter, async () =>
            {
                await this.hypothesis.SampleWindowAsync(run, experiment, RunPhase.SteadyStateAfter, ProbePhases.After, experiment.Timing.Baseline, guardrails: null, token);
                journal.To = this.time.GetUtcNow();
                HypothesisSampler.Judge(run, experiment, RunPhase.SteadyStateAfter, ProbePhases.After);
            });
            var slis = this.options.PrometheusUrl is { } url && this.prometheus is not null
                ? await new RunSliStep(this.prometheus, url, this.time, this.logger).AnalyzeAsync(run, experiment, sliPreflight?.Clock, token)
                : SliEvidence.None;
            Conclude(journal, experiment, slis);
        }
        catch (RunAbortedException e)
        {
            Finish(journal, RunStatus.Aborted, e.Message);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            var aborted = registration.Aborted;
            Finish(journal, aborted ? RunStatus.Aborted : RunStatus.Interrupted, aborted ? "aborted by an operator (halt-all, or an abort of this run)" : "interrupted (cancelled, Ctrl+C or SIGTERM)");
        }
        catch (Exception e) when (e is RunFailedException or ClusterConnectionException or WatchFailedException or k8s.Autorest.HttpOperationException or HttpRequestException or KubernetesException)
        {
            Finish(journal, RunStatus.Failed, e is k8s.Autorest.HttpOperationException http
                ? string.Create(CultureInfo.InvariantCulture, $"Kubernetes API answered {(int?)KubernetesErrors.StatusOf(e)} ({http.Response?.ReasonPhrase}) during {journal.Phases.LastOrDefault()?.Phase}")
                : e.Message);
        }
        finally
        {
            await this.CleanupAsync(run, driver, lease, runId);
            journal.EndedAt = this.time.GetUtcNow();
            var outcome = journal.Outcome ??= RunOutcome.Failed;
            LogRunEnded(this.logger, experiment.Name, runId, journal.Status, journal.Deviated, outcome);
            var elapsed = this.time.GetElapsedTime(started);
            run.Each(o => o.OnRunCompleted(new RunCompletedEvent(runId, experiment.Name, journal.Status, journal.Deviated, outcome, elapsed, writer.Path)));
            foreach (var source in this.observers.OfType<IRunWarningSource>())
            {
                journal.Warnings.AddRange(await source.CompleteRunAsync(runId));
            }

            await run.SaveAsync();
        }

        return new RunResult(journal, writer.Path);
    }

    private static void Finish(RunJournal journal, RunStatus status, string reason)
    {
        journal.Status = status;
        journal.Deviated = null;
        journal.Outcome = status switch
        {
            RunStatus.Aborted => RunOutcome.Aborted,
            RunStatus.Interrupted => RunOutcome.Interrupted,
            _ => RunOutcome.Failed,
        };
        journal.Errors.Add(reason);
    }

    // Completed: the verdict is the hypothesis during and after, the expectations, and pod- and SLI-level recovery.
    private static void Conclude(RunJournal journal, Experiment experiment, SliEvidence slis)
    {
        var verdict = RunVerdictJudge.Judge(journal, experiment, slis);
        journal.Verdicts.AddRange(verdict.ImpactVerdicts);
        journal.Analysis.Verdict = verdict.Recovery;
        journal.Status = RunStatus.Completed;
        journal.Deviated = verdict.Deviated;
        journal.Outcome = verdict.Outcome;
        journal.Errors.AddRange(verdict.Reasons);
    }

    private async Task PhaseAsync(RunContext run, RunPhase phase, Func<Task> body)
    {
        // Phase records are immutable: the started record is replaced by the ended one.
        var started = new PhaseRecord { Phase = phase, StartedAt = this.time.GetUtcNow() };
        var index = run.Journal.Phases.Count;
        run.Journal.Phases.Add(started);
        run.Each(o => o.OnPhaseStarted(new PhaseEvent(run.Journal.RunId, run.Journal.Experiment, phase, started.StartedAt, null, null)));
        await run.SaveAsync();
        string? outcome = null;
        string? error = null;
        try
        {
            await body();
            outcome = "ok";
        }
        catch (Exception e)
        {
            outcome = e switch
            {
                RunAbortedException => "aborted",
                OperationCanceledException => "interrupted",
                _ => "failed",
            };
            error = e.Message;
            throw;
        }
        finally
        {
            var ended = started with { EndedAt = this.time.GetUtcNow(), Outcome = outcome, Error = error };
            run.Journal.Phases[index] = ended;
            LogPhase(this.logger, run.Journal.RunId, phase, outcome ?? "?", (ended.EndedAt.Value - ended.StartedAt).TotalMilliseconds);
            run.Each(o => o.OnPhaseEnded(new PhaseEvent(run.Journal.RunId, run.Journal.Experiment, phase, ended.EndedAt.Value, outcome, error)));
            await run.SaveAsync();
        }
    }

    private async Task CleanupAsync(RunContext run, IFaultDriver? driver, FaultLease? lease, string runId)
    {
        var cleanup = new CleanupRecord();
        run.Journal.Cleanup = cleanup;
        try
        {
            // Cleanup runs even when the run was cancelled: its own deadline, not the run's token.
            await this.PhaseAsync(run, RunPhase.Cleanup, () => RunCleanup.RemoveAsync(driver, lease, cleanup, this.options.CleanupTimeout, this.time));
        }
        catch (Exception e) when (e is RunFailedException or OperationCanceledException or k8s.Autorest.HttpOperationException or HttpRequestException or WatchFailedException or ClusterConnectionException)
        {
            cleanup.Succeeded = false;
            cleanup.Failures.Add(e.Message);
            run.Journal.Errors.Add("cleanup: " + e.Message);
            LogCleanupFailed(this.logger, runId, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of {Experiment} starting; journal {JournalPath}")]
    private static partial void LogRunStarting(ILogger logger, string experiment, string runId, string journalPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Injected {Kind} {Namespace}/{Name} on {Targets}")]
    private static partial void LogInjected(ILogger logger, string kind, string @namespace, string name, IReadOnlyList<string> targets);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: phase {Phase} {Outcome} after {ElapsedMs:0} ms")]
    private static partial void LogPhase(ILogger logger, string runId, RunPhase phase, string outcome, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of {Experiment} ended: {Status}, deviated {Deviated}, outcome {Outcome}")]
    private static partial void LogRunEnded(ILogger logger, string experiment, string runId, RunStatus status, bool? deviated, RunOutcome outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId}: cleanup incomplete: {Reason}")]
    private static partial void LogCleanupFailed(ILogger logger, string runId, string reason);
}
