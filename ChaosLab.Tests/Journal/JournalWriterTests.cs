using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Tests.Journal;

public sealed class JournalWriterTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "chaoslab-journal-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Rewrites_atomically_and_round_trips()
    {
        var journal = new RunJournal { RunId = "r1", Experiment = "exp", StartedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        using var writer = new JournalWriter(this.directory, journal);
        await writer.WriteAsync(journal);
        journal.Phases.Add(new PhaseRecord { Phase = RunPhase.Validate, StartedAt = journal.StartedAt, Outcome = "ok" });
        journal.Analysis.PodRecovery.Add(new PodRecovery("ns", "app=x", journal.StartedAt, journal.StartedAt.AddSeconds(3), 1));
        await writer.WriteAsync(journal);

        Directory.GetFiles(this.directory).ShouldBe([writer.Path]);
        Path.GetFileName(writer.Path).ShouldBe("20260101T000000Z-exp-r1.json");
        var read = await JournalWriter.ReadAsync(writer.Path, TestContext.Current.CancellationToken);
        read!.Status.ShouldBe(RunStatus.Running);
        read.Phases.ShouldHaveSingleItem().Phase.ShouldBe(RunPhase.Validate);
        read.Analysis.PodRecovery.ShouldHaveSingleItem().TimeToRecover.ShouldBe(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Outcome_and_the_recovery_basis_are_written_as_words_and_read_back_typed()
    {
        var journal = new RunJournal { RunId = "r2", Experiment = "exp", StartedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Outcome = RunOutcome.Deviated };
        journal.Analysis.Verdict = new RecoveryJudgement { JudgedBy = RecoveryBasis.Sli("error_ratio"), PodBasis = RecoveryBasis.FaultRemoval };
        journal.ProbeSamples.Add(new ProbeSampleRecord("ready", RunPhase.Observe, journal.StartedAt, null, "Kubernetes API answered 500") { Inconclusive = true });
        journal.ProbeSamples.Add(new ProbeSampleRecord("ready", RunPhase.Observe, journal.StartedAt, 1, null));
        using var writer = new JournalWriter(this.directory, journal);
        await writer.WriteAsync(journal);

        var text = await File.ReadAllTextAsync(writer.Path, TestContext.Current.CancellationToken);
        text.ShouldContain("\"outcome\": \"deviated\"");
        text.ShouldContain("\"judgedBy\": \"sli:error_ratio\"");
        text.ShouldContain("\"podBasis\": \"fault-removal\"");
        text.ShouldNotContain("exitCode");
        System.Text.RegularExpressions.Regex.Count(text, "\"inconclusive\": true").ShouldBe(1);
        var read = await JournalWriter.ReadAsync(writer.Path, TestContext.Current.CancellationToken);
        read!.Outcome.ShouldBe(RunOutcome.Deviated);
        read.Analysis.Verdict!.JudgedBy.ShouldBe(RecoveryBasis.Sli("error_ratio"));
        read.Analysis.Verdict.PodBasis.ShouldBe(RecoveryBasis.FaultRemoval);
        read.ProbeSamples.Select(s => s.Inconclusive).ShouldBe([true, false]);
    }

    public void Dispose()
    {
        if (Directory.Exists(this.directory))
        {
            Directory.Delete(this.directory, recursive: true);
        }
    }
}
