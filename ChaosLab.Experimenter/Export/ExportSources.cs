using ChaosLab.Experimenter.Experiments.Loading;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Validation;

namespace ChaosLab.Experimenter.Export;

/// <summary>Reads what <c>chaoslab export</c> exports: one experiment, or a suite with its experiments in order. Every file is validated first.</summary>
public static class ExportSources
{
    /// <summary>The loaded source, or the errors (file:line:column) that stop the export.</summary>
    public sealed record Loaded(Experiment? Experiment, Suite? Suite, IReadOnlyList<Experiment> SuiteExperiments, IReadOnlyList<string> Errors);

    /// <summary>Loads <paramref name="file"/>.</summary>
    public static async Task<Loaded> LoadAsync(string file, ExperimentFileValidator validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(validator);
        var result = await InputFiles.ValidateFileAsync(file, validator, cancellationToken);
        if (!result.IsValid)
        {
            return new Loaded(null, null, [], [.. result.Errors.Select(e => e.ToString())]);
        }

        if (result.Experiment is { } experiment)
        {
            return new Loaded(experiment, null, [], []);
        }

        if (result.Suite is not { } suite)
        {
            return new Loaded(null, null, [], [$"{file}: is a {result.InCluster?.Kind.ToString() ?? "file"} already; export takes an experiment or a suite"]);
        }

        suite = suite with { Source = file };
        var folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        var experiments = new List<Experiment>();
        var errors = new List<string>();
        foreach (var entry in suite.Experiments)
        {
            var entryResult = await InputFiles.ValidateFileAsync(Path.GetFullPath(Path.Combine(folder, entry.Experiment)), validator, cancellationToken);
            if (entryResult.IsValid && entryResult.Experiment is { } e)
            {
                experiments.Add(e with { Source = entry.Experiment });
            }
            else
            {
                errors.AddRange(entryResult.Errors.Select(x => x.ToString()).DefaultIfEmpty($"{entry.Experiment}: not an experiment"));
            }
        }

        return new Loaded(null, suite, experiments, errors);
    }
}
