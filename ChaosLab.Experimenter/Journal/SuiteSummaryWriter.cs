using System.Globalization;
using System.Text.Json;

namespace ChaosLab.Experimenter.Journal;

/// <summary>Writes a <see cref="SuiteRunSummary"/> next to the run journals, atomically (temp file + rename), in the
/// journals' JSON settings.</summary>
public static class SuiteSummaryWriter
{
    /// <summary>The file a summary goes to: <c>&lt;suite&gt;-&lt;yyyyMMddTHHmmssZ&gt;-summary.json</c>.</summary>
    public static string PathFor(string resultsDirectory, SuiteRunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var stamp = summary.StartedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return Path.Combine(resultsDirectory, $"{summary.Suite}-{stamp}-summary.json");
    }

    /// <summary>Writes the summary; returns its path.</summary>
    public static async Task<string> WriteAsync(string resultsDirectory, SuiteRunSummary summary, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(resultsDirectory);
        var path = PathFor(resultsDirectory, summary);
        var temp = path + ".tmp";
        await using (var stream = File.Create(temp))
        {
            await JsonSerializer.SerializeAsync(stream, summary, JournalWriter.Json, cancellationToken);
        }

        File.Move(temp, path, overwrite: true);
        return path;
    }

    /// <summary>The time to recover a journal's verdict was judged by: the SLIs' when measured, else the pods'.</summary>
    public static double? TimeToRecover(RunJournal journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var verdict = journal.Analysis.Verdict;
        return verdict?.SliTimeToRecoverSeconds ?? verdict?.PodTimeToRecoverSeconds;
    }
}
