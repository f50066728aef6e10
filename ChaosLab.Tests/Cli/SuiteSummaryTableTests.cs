using ChaosLab.Experimenter.Cli;
using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Tests.Cli;

/// <summary>The side-by-side console table of a suite over several contexts.</summary>
public sealed class SuiteSummaryTableTests
{
    [Fact]
    public void Each_experiment_is_a_row_and_each_context_a_column_with_outcome_and_ttr()
    {
        var summary = new SuiteRunSummary
        {
            Suite = "s",
            StartedAt = DateTimeOffset.UnixEpoch,
            Experiments = ["kill", "delay"],
            Contexts =
            [
                new SuiteContextResult { Context = "east", Runs = [new("kill", "r1", RunOutcome.Held, 12.4, "j1"), new("delay", "r2", RunOutcome.Deviated, null, "j2")] },
                new SuiteContextResult { Context = "west-cluster", Error = "no such context" },
            ],
        };

        var lines = SuiteSummaryTable.Format(summary).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        lines.ShouldBe([
            "experiment  east               west-cluster",
            "kill        held (TTR 12.4 s)  not run (context failed)",
            "delay       deviated           not run (context failed)",
        ]);
    }
}
