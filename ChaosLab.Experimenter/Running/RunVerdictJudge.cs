using System.Globalization;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Running;

/// <summary>
/// Judges a completed run from its journal (pure: reads the journal, changes nothing, no I/O). The run deviates
/// (<see cref="RunOutcome.Deviated"/>) when any of these holds:
/// <list type="bullet">
/// <item>a hypothesis probe did not hold during the fault or after it;</item>
/// <item>an <c>expect.maxImpact</c> limit was exceeded;</item>
/// <item>an SLI of the SLI analysis left its tolerance band and was not back within the window (<c>recovered: false</c>);</item>
/// <item><c>expect.maxRecoveryTime</c> was exceeded by the worse of the pod-level time-to-recover (pods Ready again
/// for one-shot faults, else fault end → fault confirmed removed) and the slowest recovered SLI's time-to-recover.</item>
/// </list>
/// An SLI whose data supports no verdict (or an SLI analysis that was inconclusive as a whole), and a probe whose samples
/// of a phase could none of them be read, count neither way: they are listed under <see cref="RecoveryJudgement.Inconclusive"/>
/// and the other evidence decides. The run is <see cref="RunOutcome.Inconclusive"/> only when there is no evidence at all:
/// no conclusive probe verdict during or after the fault, no conclusive SLI and no recovery measurement. Otherwise it
/// <see cref="RunOutcome.Held"/>.
/// </summary>
public static class RunVerdictJudge
{
    /// <summary>Judges <paramref name="journal"/> against <paramref name="experiment"/>'s hypothesis and expectations, with the
    /// SLI evidence the journal's <c>analysis.sli</c> section holds (a journal read back from disk).</summary>
    public static RunVerdict Judge(RunJournal journal, Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(journal);
        return Judge(journal, experiment, SliEvidence.Read(journal.Analysis.Sli));
    }

    /// <summary>Judges <paramref name="journal"/> against <paramref name="experiment"/>'s hypothesis and expectations, with the
    /// SLI evidence <paramref name="sliEvidence"/> (typed, as the runner has it).</summary>
    public static RunVerdict Judge(RunJournal journal, Experiment experiment, SliEvidence sliEvidence)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(sliEvidence);
        var probeVerdicts = journal.Verdicts.Where(v => v.Phase != RunPhase.SteadyStateBefore && v.Held is not null).ToList();
        var reasons = probeVerdicts.Where(v => v.Held == false).Select(v => $"{v.Probe} ({v.Phase}): {v.Detail}").ToList();
        var inconclusive = journal.Verdicts.Where(v => v.Phase != RunPhase.SteadyStateBefore && v.Held is null)
            .Select(v => $"{v.Probe} ({v.Phase}): {v.Detail}").ToList();

        var impacts = new List<ProbeVerdict>();
        foreach (var limit in experiment.Expect?.MaxImpact ?? [])
        {
            var verdict = ProbeJudge.Impact(limit, journal.ProbeSamples, ProbeJudge.Baseline(journal.ProbeSamples, limit.Probe));
            impacts.Add(verdict);
            if (verdict.Held == false)
            {
                reasons.Add($"{verdict.Probe}: {verdict.Detail}");
            }
            else if (verdict.Held is null)
            {
                inconclusive.Add($"{verdict.Probe}: {verdict.Detail}");
            }
        }

        // SLI level.
        SliImpactJudge.Apply(experiment.Expect?.SliImpact ?? [], journal.Analysis.Sli, impacts, reasons, inconclusive);
        if (sliEvidence.Inconclusive is { } whole)
        {
            inconclusive.Add("SLI analysis: " + whole);
        }

        var slis = sliEvidence.Slis;
        foreach (var sli in slis.Where(s => s.Inconclusive is not null))
        {
            inconclusive.Add(sli.Inconclusive!.StartsWith(sli.Sli, StringComparison.Ordinal) ? sli.Inconclusive : $"{sli.Sli}: {sli.Inconclusive}");
        }

        var conclusive = slis.Where(s => s.Inconclusive is null).ToList();
        var notRecovered = conclusive.Where(s => !s.Recovered).Select(s => s.Sli).ToList();
        reasons.AddRange(notRecovered.Select(s => $"SLI {s} did not recover within the window (still outside its tolerance band, or not for the hold period, at the end of observation)"));
        var slowest = conclusive.Where(s => s.Recovered && s.TimeToRecover is not null).MaxBy(s => s.TimeToRecover);

        // Pod level: the slowest workload's pods Ready again, else how long the fault took to go after fault end.
        var podTimes = journal.Analysis.PodRecovery.Select(p => p.TimeToRecover).Where(t => t is not null).Select(t => t!.Value).ToList();
        (TimeSpan Time, RecoveryBasis Basis)? pod = podTimes.Count > 0 ? (podTimes.Max(), RecoveryBasis.Pods)
            : journal.Injection?.RecoveredAt is { } gone && journal.FaultEnd is { } end ? (gone > end ? gone - end : TimeSpan.Zero, RecoveryBasis.FaultRemoval)
            : null;

        double? maxSeconds = null;
        RecoveryBasis? judgedBy = null;
        bool? held = null;
        if (experiment.Expect?.MaxRecoveryTime is { } max)
        {
            maxSeconds = max.TotalSeconds;
            if (notRecovered.Count > 0)
            {
                // Already a reason of its own: an SLI that never recovered cannot meet any recovery limit.
                judgedBy = RecoveryBasis.Sli(notRecovered[0]);
                held = false;
            }
            else
            {
                (TimeSpan Time, RecoveryBasis By)? sli = slowest is { TimeToRecover: { } t } ? (t, RecoveryBasis.Sli(slowest.Sli)) : null;
                var applied = (pod, sli) switch
                {
                    ({ } p, { } s) => s.Time > p.Time ? s : (p.Time, p.Basis),
                    ({ } p, null) => (p.Time, p.Basis),
                    (null, { } s) => s,
                    _ => ((TimeSpan, RecoveryBasis)?)null,
                };
                if (applied is { } a)
                {
                    judgedBy = a.Item2;
                    held = a.Item1 <= max;
                    if (held == false)
                    {
                        reasons.Add(string.Create(CultureInfo.InvariantCulture,
                            $"recovery took {a.Item1.TotalSeconds:0.###} s by {Describe(a.Item2)} (the worse of pod-level {Seconds(pod?.Time)} and SLI-level {Seconds(sli?.Time)}), expected at most {max.TotalSeconds:0.###} s"));
                    }
                }
                else
                {
                    inconclusive.Add("expect.maxRecoveryTime: neither pod-level nor SLI-level recovery was measured");
                }
            }
        }

        var recovery = new RecoveryJudgement
        {
            PodTimeToRecoverSeconds = pod?.Time.TotalSeconds,
            PodBasis = pod?.Basis,
            SliTimeToRecoverSeconds = slowest?.TimeToRecover?.TotalSeconds,
            SlowestSli = slowest?.Sli,
            MaxRecoveryTimeSeconds = maxSeconds,
            JudgedBy = judgedBy,
            Held = held,
            NotRecovered = notRecovered,
            Inconclusive = inconclusive,
        };

        if (reasons.Count > 0)
        {
            return new RunVerdict(RunOutcome.Deviated, reasons, impacts, recovery);
        }

        var evidence = probeVerdicts.Count > 0 || impacts.Any(i => i.Held is not null) || conclusive.Count > 0 || held is not null;
        return evidence
            ? new RunVerdict(RunOutcome.Held, reasons, impacts, recovery)
            : new RunVerdict(RunOutcome.Inconclusive, ["inconclusive: nothing could be judged (no probe verdict during or after the fault, no conclusive SLI, no recovery measured)" + (inconclusive.Count > 0 ? "; " + string.Join("; ", inconclusive) : string.Empty)], impacts, recovery);
    }

    private static string Describe(RecoveryBasis by) => by switch
    {
        RecoveryBasis.PodsReady => "pod-level recovery (pods Ready again)",
        RecoveryBasis.FaultRemoved => "fault removal (fault end → fault gone)",
        RecoveryBasis.SliRecovered sli => $"SLI {sli.Name}",
        _ => by.Text,
    };

    private static string Seconds(TimeSpan? t) => t is { } v ? v.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s" : "n/a";
}
