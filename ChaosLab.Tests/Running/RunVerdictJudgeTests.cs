using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Cli;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Tests.Running;

/// <summary>The run's verdict from pod-level and SLI-level recovery (pure, no I/O).</summary>
public sealed class RunVerdictJudgeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FaultEnd = T0.AddSeconds(120);

    private static Experiment Experiment(TimeSpan? maxRecovery) =>
        RunnerHarness.Chaos("judge", ChaosKind.NetworkChaos, new JsonObject(), expect: maxRecovery is null ? null : new Expectation([], maxRecovery));

    private static RunJournal Journal(JsonObject? sli = null, double? podSeconds = null, double removalSeconds = 1)
    {
        var journal = new RunJournal
        {
            RunId = "r1",
            Experiment = "judge",
            StartedAt = T0,
            FaultStart = T0,
            FaultEnd = FaultEnd,
            Injection = new InjectionRecord { Kind = "NetworkChaos", Namespace = "otel-demo", Name = "x", InjectedAt = T0, RecoveredAt = FaultEnd.AddSeconds(removalSeconds) },
            Verdicts = { new ProbeVerdict("ready", RunPhase.SteadyStateAfter, true, "ok") },
        };
        journal.Analysis.Sli = sli;
        if (podSeconds is { } s)
        {
            journal.Analysis.PodRecovery.Add(new PodRecovery("otel-demo", "app=x", T0, T0.AddSeconds(s), 1));
        }

        return journal;
    }

    private static JsonObject Sli(string name, bool recovered, double? ttr, string? inconclusive = null)
    {
        var sli = new JsonObject
        {
            ["sli"] = name,
            ["recovered"] = recovered,
            ["timeToDetectSeconds"] = ttr is null && recovered ? null : 5,
            ["timeToRecoverSeconds"] = ttr,
        };
        if (inconclusive is not null)
        {
            sli["inconclusive"] = inconclusive;
            sli["recovered"] = false;
            sli["timeToDetectSeconds"] = null;
        }

        return sli;
    }

    private static JsonObject Section(params JsonObject[] slis) => new() { ["service"] = "cart", ["slis"] = new JsonArray(slis) };

    [Fact]
    public void Expectation_met_by_both_sli_and_pod_recovery()
    {
        var verdict = RunVerdictJudge.Judge(Journal(Section(Sli("error_ratio", true, 20), Sli("throughput_rps", true, 0)), podSeconds: 8), Experiment(TimeSpan.FromSeconds(30)));

        verdict.Deviated.ShouldBe(false);
        ExitCodes.For(verdict.Outcome).ShouldBe(ExitCodes.Success);
        verdict.Recovery.JudgedBy.ShouldBe(RecoveryBasis.Sli("error_ratio"));
        verdict.Recovery.SliTimeToRecoverSeconds.ShouldBe(20);
        verdict.Recovery.PodTimeToRecoverSeconds.ShouldBe(8);
        verdict.Recovery.PodBasis.ShouldBe(RecoveryBasis.Pods);
        verdict.Recovery.Held.ShouldBe(true);
    }

    [Fact]
    public void Expectation_missed_by_sli_time_to_recover_names_the_sli()
    {
        var verdict = RunVerdictJudge.Judge(Journal(Section(Sli("error_ratio", true, 45)), podSeconds: 8), Experiment(TimeSpan.FromSeconds(30)));

        verdict.Deviated.ShouldBe(true);
        ExitCodes.For(verdict.Outcome).ShouldBe(ExitCodes.HypothesisViolated);
        verdict.Recovery.JudgedBy.ShouldBe(RecoveryBasis.Sli("error_ratio"));
        verdict.Recovery.Held.ShouldBe(false);
        verdict.Reasons.ShouldHaveSingleItem().ShouldContain("recovery took 45 s by SLI error_ratio");
        verdict.Reasons[0].ShouldContain("pod-level 8 s");
    }

    [Fact]
    public void Expectation_missed_by_pod_time_to_recover_when_pods_are_slower()
    {
        var verdict = RunVerdictJudge.Judge(Journal(Section(Sli("error_ratio", true, 10)), podSeconds: 40), Experiment(TimeSpan.FromSeconds(30)));

        verdict.Deviated.ShouldBe(true);
        ExitCodes.For(verdict.Outcome).ShouldBe(ExitCodes.HypothesisViolated);
        verdict.Recovery.JudgedBy.ShouldBe(RecoveryBasis.Pods);
        verdict.Reasons.ShouldHaveSingleItem().ShouldContain("recovery took 40 s by pod-level recovery");
    }

    [Fact]
    public void Without_pod_recovery_the_fault_removal_time_counts_not_the_fault_duration()
    {
        var verdict = RunVerdictJudge.Judge(Journal(removalSeconds: 2), Experiment(TimeSpan.FromSeconds(30)));

        verdict.Deviated.ShouldBe(false);
        verdict.Recovery.PodBasis.ShouldBe(RecoveryBasis.FaultRemoval);
        verdict.Recovery.PodTimeToRecoverSeconds.ShouldBe(2);
        verdict.Recovery.JudgedBy.ShouldBe(RecoveryBasis.FaultRemoval);
    }

    [Fact]
    public void An_sli_that_never_recovered_makes_the_run_deviated_even_without_expectations()
    {
        var verdict = RunVerdictJudge.Judge(Journal(Section(Sli("error_ratio", false, null), Sli("latency_p95_ms", true, 3))), Experiment(null));

        verdict.Deviated.ShouldBe(true);
        ExitCodes.For(verdict.Outcome).ShouldBe(ExitCodes.HypothesisViolated);
        verdict.Recovery.NotRecovered.ShouldBe(["error_ratio"]);
        verdict.Reasons.ShouldHaveSingleItem().ShouldContain("SLI error_ratio did not recover");
    }

    [Fact]
    public void An_sli_that_never_recovered_misses_a_recovery_limit()
    {
        var verdict = RunVerdictJudge.Judge(Journal(Section(Sli("error_ratio", false, null)), podSeconds: 1), Experiment(TimeSpan.FromSeconds(30)));

        ExitCodes.For(verdict.Outcome).ShouldBe(ExitCodes.HypothesisViolated);
        verdict.Recovery.Held.ShouldBe(false);
        verdict.Recovery.JudgedBy.ShouldBe(RecoveryBasis.Sli("error_ratio"));
    }

    [Fact]
    public void An_inconclusive_sli_is_neither_pass_nor_fail_and_the_other_evidence_decides()
    {
        var section = Section(Sli("error_ratio", false, null, inconclusive: "error_ratio: only 2 values in the baseline (need 5)"), Sli("throughput_rps", true, 4));
        var verdict = RunVerdictJudge.Judge(Journal(section, podSeconds: 6), Experiment(TimeSpan.FromSeconds(30)));

        verdict.Deviated.ShouldBe(false);
        ExitCodes.For(verdict.Outcome).ShouldBe(ExitCodes.Success);
        verdict.Recovery.NotRecovered.ShouldBeEmpty();
        verdict.Recovery.Inconclusive.ShouldBe(["error_ratio: only 2 values in the baseline (need 5)"]);
        verdict.Recovery.JudgedBy.ShouldBe(RecoveryBasis.Pods);
        verdict.Recovery.SlowestSli.ShouldBe("throughput_rps");
    }

    [Fact]
    public void A_wholly_inconclusive_sli_analysis_is_recorded_and_judged_on_pod_level()
    {
        var section = new JsonObject { ["service"] = "cart", ["inconclusive"] = "Prometheus unreachable" };
        var verdict = RunVerdictJudge.Judge(Journal(section, podSeconds: 50), Experiment(TimeSpan.FromSeconds(30)));

        ExitCodes.For(verdict.Outcome).ShouldBe(ExitCodes.HypothesisViolated);
        verdict.Recovery.Inconclusive.ShouldBe(["SLI analysis: Prometheus unreachable"]);
        verdict.Recovery.SliTimeToRecoverSeconds.ShouldBeNull();
        verdict.Recovery.JudgedBy.ShouldBe(RecoveryBasis.Pods);
    }

    [Fact]
    public void Without_any_evidence_the_run_is_inconclusive_exit_3()
    {
        var journal = new RunJournal { RunId = "r1", Experiment = "judge", StartedAt = T0 };
        journal.Analysis.Sli = new JsonObject { ["inconclusive"] = "no span metrics" };

        var verdict = RunVerdictJudge.Judge(journal, Experiment(TimeSpan.FromSeconds(30)));

        verdict.Deviated.ShouldBeNull();
        ExitCodes.For(verdict.Outcome).ShouldBe(ExitCodes.AbortedOrInconclusive);
        verdict.Reasons.ShouldHaveSingleItem().ShouldContain("no span metrics");
        verdict.Recovery.Held.ShouldBeNull();
    }

    [Fact]
    public void A_violated_hypothesis_still_deviates_whatever_the_slis_say()
    {
        var journal = Journal(Section(Sli("error_ratio", true, 0)));
        journal.Verdicts.Add(new ProbeVerdict("ready", RunPhase.Observe, false, "0 ready"));

        var verdict = RunVerdictJudge.Judge(journal, Experiment(null));

        verdict.Deviated.ShouldBe(true);
        verdict.Reasons.ShouldHaveSingleItem().ShouldContain("ready (Observe)");
    }

    [Fact]
    public void A_probe_verdict_that_is_inconclusive_is_listed_and_counts_neither_way()
    {
        var journal = Journal();
        journal.Verdicts.Add(new ProbeVerdict("errors", RunPhase.Observe, null, "inconclusive: none of 3 samples could be read (last: Prometheus: timed out)") { InconclusiveSamples = 3 });

        var verdict = RunVerdictJudge.Judge(journal, Experiment(null));

        verdict.Outcome.ShouldBe(RunOutcome.Held);
        verdict.Deviated.ShouldBe(false);
        verdict.Reasons.ShouldBeEmpty();
        verdict.Recovery.Inconclusive.ShouldContain("errors (Observe): inconclusive: none of 3 samples could be read (last: Prometheus: timed out)");
    }

    [Fact]
    public void Only_inconclusive_probe_verdicts_and_nothing_else_make_the_run_inconclusive()
    {
        var journal = Journal();
        journal.Verdicts.Clear();
        journal.Injection!.RecoveredAt = null;
        journal.Verdicts.Add(new ProbeVerdict("ready", RunPhase.SteadyStateAfter, null, "inconclusive: none of 2 samples could be read (last: Kubernetes API answered 500)"));

        var verdict = RunVerdictJudge.Judge(journal, Experiment(null));

        verdict.Outcome.ShouldBe(RunOutcome.Inconclusive);
        verdict.Deviated.ShouldBeNull();
        ExitCodes.For(verdict.Outcome).ShouldBe(ExitCodes.AbortedOrInconclusive);
    }

    [Fact]
    public void Typed_sli_evidence_is_judged_like_the_journal_section_it_comes_from()
    {
        var section = Section(Sli("error_ratio", false, null), Sli("latency_p95_ms", true, 3), Sli("throughput_rps", false, null, inconclusive: "no traffic"));
        var evidence = SliEvidence.Read(section);
        evidence.Service.ShouldBe("cart");
        evidence.Slis.ShouldBe([
            new SliOutcome("error_ratio", null, false, TimeSpan.FromSeconds(5), null),
            new SliOutcome("latency_p95_ms", null, true, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(3)),
            new SliOutcome("throughput_rps", "no traffic", false, null, null),
        ]);

        var typed = RunVerdictJudge.Judge(Journal(), Experiment(TimeSpan.FromSeconds(30)), evidence);
        var fromJournal = RunVerdictJudge.Judge(Journal(section), Experiment(TimeSpan.FromSeconds(30)));

        typed.Outcome.ShouldBe(RunOutcome.Deviated);
        typed.Recovery.JudgedBy.ShouldBe(RecoveryBasis.Sli("error_ratio"));
        typed.Recovery.Inconclusive.ShouldBe(["throughput_rps: no traffic"]);
        typed.Reasons.ShouldBe(fromJournal.Reasons);
        typed.Recovery.NotRecovered.ShouldBe(["error_ratio"]);
    }
}

