using System.Globalization;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Prometheus;

namespace ChaosLab.Experimenter.Running;

/// <summary>Samples the hypothesis' probes over a window (recording raw samples, feeding guardrails) and
/// turns the samples of a phase into verdicts.</summary>
internal sealed class HypothesisSampler(IPrometheusClient? prometheus, HttpClient http, PodClient pods, TimeProvider time)
{
    // Samples the probes for a phase every probe interval over the window (at least once at the start and
    // once at the end). Guardrails see every sample; a tripped guardrail aborts the run.
    public async Task SampleWindowAsync(RunContext run, Experiment experiment, RunPhase phase, ProbePhases which, TimeSpan window, GuardrailMonitor? guardrails, CancellationToken cancellationToken)
    {
        var guarded = guardrails is null ? [] : experiment.Guardrails.AbortWhen.Select(a => a.Probe).ToHashSet(StringComparer.Ordinal);
        var probes = experiment.Hypothesis.Probes.Where(p => p.Phases.HasFlag(which) || guarded.Contains(p.Name)).ToList();
        var interval = experiment.Timing.ProbeInterval > TimeSpan.Zero ? experiment.Timing.ProbeInterval : Timing.DefaultProbeInterval;
        var started = time.GetTimestamp();
        var maxRounds = (int)Math.Min(100_000, Math.Ceiling(window / interval) + 2);
        for (var round = 0; round < maxRounds; round++)
        {
            foreach (var probe in probes)
            {
                var (value, error) = await new ProbeSampler(prometheus, http, pods, experiment.Namespace, time).SampleAsync(probe, cancellationToken);
                var baseline = ProbeJudge.Baseline(run.Journal.ProbeSamples, probe.Name);
                var sample = new ProbeSampleRecord(probe.Name, phase, time.GetUtcNow(), value, error)
                {
                    WithinTolerance = probe.Phases.HasFlag(which) && !(phase == RunPhase.SteadyStateBefore && probe is PrometheusProbe { Tolerance.NeedsBaseline: true })
                        ? ProbeJudge.Allows(probe, value, baseline)
                        : null,
                };
                if (probe.Phases.HasFlag(which))
                {
                    run.Journal.ProbeSamples.Add(sample);
                }

                run.Each(o => o.OnProbeSampled(new ProbeSampledEvent(run.Journal.RunId, run.Journal.Experiment, sample)));
                if (guardrails?.Observe(probe.Name, sample.At, value, baseline) is { } reason)
                {
                    throw new RunAbortedException(reason);
                }
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

        run.Journal.Verdicts.AddRange(verdicts);
        return verdicts;
    }
}
