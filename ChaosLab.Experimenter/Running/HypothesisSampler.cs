using System.Globalization;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Prometheus;

namespace ChaosLab.Experimenter.Running;

/// <summary>Samples the hypothesis' probes over a window (recording raw samples, feeding guardrails) and
/// turns the samples of a phase into verdicts.</summary>
internal sealed class HypothesisSampler(IPrometheusClient? prometheus, HttpClient http, PodClient pods, TimeProvider time, ProbeUrlMap probeUrls)
{
    /// <summary>Reads of one probe per round at most: a read that fails (inconclusive) is retried within the round.</summary>
    public const int MaxReadsPerRound = 3;

    // Samples the probes for a phase every probe interval over the window (at least once at the start and
    // once at the end). Guardrails see every sample that could be read; a tripped guardrail aborts the run.
    public async Task SampleWindowAsync(RunContext run, Experiment experiment, RunPhase phase, ProbePhases which, TimeSpan window, GuardrailMonitor? guardrails, CancellationToken cancellationToken)
    {
        var guarded = guardrails is null ? [] : experiment.Guardrails.AbortWhen.Select(a => a.Probe).ToHashSet(StringComparer.Ordinal);
        var probes = experiment.Hypothesis.Probes.Where(p => p.Phases.HasFlag(which) || guarded.Contains(p.Name)).ToList();
        var interval = experiment.Timing.ProbeInterval > TimeSpan.Zero ? experiment.Timing.ProbeInterval : Timing.DefaultProbeInterval;
        var sampler = new ProbeSampler(prometheus, http, pods, experiment.Namespace, time, probeUrls);
        var started = time.GetTimestamp();
        var maxRounds = (int)Math.Min(100_000, Math.Ceiling(window / interval) + 2);
        for (var round = 0; round < maxRounds; round++)
        {
            var roundStarted = time.GetTimestamp();
            foreach (var probe in probes)
            {
                await this.SampleProbeAsync(run, probe, phase, which, guardrails, sampler, interval, roundStarted, cancellationToken);
            }

            var elapsed = time.GetElapsedTime(started);
            run.Progress(phase, string.Create(CultureInfo.InvariantCulture, $"{phase}: {elapsed.TotalSeconds:0} s of {window.TotalSeconds:0} s"), elapsed, window);
            var remaining = window - elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(remaining < interval ? remaining : interval, time, cancellationToken);
        }
    }

    // One probe in one round: a read that could not be made is recorded as inconclusive and retried after a quarter
    // of the interval, while the round's interval lasts and at most MaxReadsPerRound times.
    private async Task SampleProbeAsync(RunContext run, Probe probe, RunPhase phase, ProbePhases which, GuardrailMonitor? guardrails, ProbeSampler sampler, TimeSpan interval, long roundStarted, CancellationToken cancellationToken)
    {
        var retryDelay = interval / 4;
        for (var read = 1; ; read++)
        {
            var reading = await sampler.SampleAsync(probe, cancellationToken);
            var baseline = ProbeJudge.Baseline(run.Journal.ProbeSamples, probe.Name);
            var judged = probe.Phases.HasFlag(which) && !reading.Inconclusive && !(phase == RunPhase.SteadyStateBefore && probe is PrometheusProbe { Tolerance.NeedsBaseline: true });
            var sample = new ProbeSampleRecord(probe.Name, phase, time.GetUtcNow(), reading.Value, reading.Error)
            {
                WithinTolerance = judged ? ProbeJudge.Allows(probe, reading.Value, baseline) : null,
                Inconclusive = reading.Inconclusive,
            };
            if (probe.Phases.HasFlag(which))
            {
                run.Record(sample);
            }
            else
            {
                // Sampled for a guardrail only: observers see it, the journal does not keep it.
                run.Each(o => o.OnProbeSampled(new ProbeSampledEvent(run.Journal.RunId, run.Journal.Experiment, sample)));
            }
            if (!reading.Inconclusive)
            {
                if (guardrails?.Observe(probe.Name, sample.At, reading.Value, baseline) is { } reason)
                {
                    throw new RunAbortedException(reason);
                }

                return;
            }

            if (read >= MaxReadsPerRound || time.GetElapsedTime(roundStarted) + retryDelay >= interval)
            {
                return;
            }

            await Task.Delay(retryDelay, time, cancellationToken);
        }
    }

    public static List<ProbeVerdict> Judge(RunContext run, Experiment experiment, RunPhase phase, ProbePhases which)
    {
        var verdicts = new List<ProbeVerdict>();
        foreach (var probe in experiment.Hypothesis.Probes.Where(p => p.Phases.HasFlag(which)))
        {
            // Before the fault there is no baseline yet: relative tolerances are not judged there.
            if (phase == RunPhase.SteadyStateBefore && probe is PrometheusProbe { Tolerance.NeedsBaseline: true })
            {
                continue;
            }

            var verdict = ProbeJudge.Verdict(probe, phase, run.Journal.ProbeSamples, ProbeJudge.Baseline(run.Journal.ProbeSamples, probe.Name));
            verdicts.Add(verdict);
        }

        run.Record(verdicts);
        return verdicts;
    }
}
