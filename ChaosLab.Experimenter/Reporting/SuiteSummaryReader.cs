using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>Finds and reads the summaries <see cref="SuiteSummaryWriter"/> writes (<c>&lt;suite&gt;-&lt;yyyyMMddTHHmmssZ&gt;-summary.json</c>).</summary>
public static class SuiteSummaryReader
{
    /// <summary>The end of every summary file's name.</summary>
    public const string Suffix = "-summary.json";

    /// <summary>True when <paramref name="path"/> is named like a summary.</summary>
    public static bool IsSummaryPath(string path) => Path.GetFileName(path).EndsWith(Suffix, StringComparison.Ordinal);

    /// <summary>Reads a summary; <see cref="InvalidDataException"/> when the file is not one.</summary>
    public static async Task<SuiteRunSummary> LoadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        try
        {
            var summary = await JsonSerializer.DeserializeAsync<SuiteRunSummary>(stream, JournalWriter.Json, cancellationToken);
            return summary is { Suite.Length: > 0 } ? summary : throw new InvalidDataException($"{path}: not a suite summary (no suite name)");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a suite summary: {e.Message}", e);
        }
    }

    /// <summary>The newest summary of suite <paramref name="suite"/> in <paramref name="resultsDirectory"/> (by the time in its name), or null.</summary>
    public static string? FindNewest(string resultsDirectory, string suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        if (!Directory.Exists(resultsDirectory) || suite.Length == 0 || suite.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            return null;
        }

        var name = new Regex("^" + Regex.Escape(suite) + @"-(\d{8}T\d{6}Z)" + Regex.Escape(Suffix) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return Directory.EnumerateFiles(resultsDirectory, suite + "-*" + Suffix)
            .Select(path => (Path: path, Match: name.Match(Path.GetFileName(path))))
            .Where(f => f.Match.Success)
            .OrderByDescending(f => DateTime.ParseExact(f.Match.Groups[1].Value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal))
            .Select(f => f.Path)
            .FirstOrDefault();
    }
}
