using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>What the side-by-side report shows for one experiment on one context, in words, for the HTML page and its
/// Markdown twin alike; links are relative to the report's folder.</summary>
/// <param name="Outcome">The run's outcome (<c>held</c>, <c>deviated</c>…).</param>
/// <param name="Hypothesis">The hypothesis: <c>held</c>, <c>violated</c>, <c>inconclusive</c> or <c>no verdict</c>.</param>
/// <param name="TimeToRecover">The recovery time the verdict was judged by, or an em dash.</param>
/// <param name="FaultWindow">When the fault was in, or <c>not injected</c>.</param>
/// <param name="ReportHref">The run's own HTML report.</param>
/// <param name="JournalHref">The run's journal.</param>
internal sealed record SideBySideCell(string Outcome, string Hypothesis, string TimeToRecover, string FaultWindow, string ReportHref, string JournalHref)
{
    /// <summary>A cell of a context that ran nothing.</summary>
    public const string ContextFailed = "not run: the context failed";

    /// <summary>A cell of an experiment the context did not get to.</summary>
    public const string NotRun = "not run";

    public static SideBySideCell From(SuiteExperimentResult run, string directory)
    {
        var hypothesis = run.Deviated switch
        {
            false => "held",
            true => "violated",
            null => run.Outcome switch // no verdict recorded: the outcome says as much as there is
            {
                RunOutcome.Held => "held",
                RunOutcome.Deviated => "violated",
                RunOutcome.Inconclusive => "inconclusive",
                _ => "no verdict",
            },
        };
        var window = run.FaultStart is { } start
            ? $"{ReportFormat.Time(start)} → {ReportFormat.Time(run.FaultEnd)}" + (run.FaultEnd is { } end ? $" ({ReportFormat.Seconds((end - start).TotalSeconds)})" : string.Empty)
            : "not injected";
        return new SideBySideCell(
            run.Outcome.ToString().ToLowerInvariant(), hypothesis, ReportFormat.Seconds(run.TimeToRecoverSeconds), window,
            Href(directory, run.Report ?? ReportFiles.RunReportPath(run.Journal)), Href(directory, run.Journal));
    }

    /// <summary>The facts as lines of text (the links apart).</summary>
    public IReadOnlyList<string> Lines() => [$"hypothesis {this.Hypothesis}", $"TTR {this.TimeToRecover}", $"fault {this.FaultWindow}"];

    /// <summary>A link from <paramref name="directory"/> to <paramref name="target"/>: relative, '/'-separated, each segment escaped.</summary>
    private static string Href(string directory, string target) =>
        string.Join('/', Path.GetRelativePath(Path.GetFullPath(directory), Path.GetFullPath(target)).Split(Path.DirectorySeparatorChar).Select(s => s == ".." ? s : Uri.EscapeDataString(s)));
}
