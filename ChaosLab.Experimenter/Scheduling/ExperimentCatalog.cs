using ChaosLab.Experimenter.Experiments.Loading;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Validation;

namespace ChaosLab.Experimenter.Scheduling;

/// <summary>The experiments and suites on disk, validated every time they are read (files may change while
/// the worker runs). Invalid files are reported, never run.</summary>
public sealed class ExperimentCatalog(SchedulerOptions options, ExperimentFileValidator validator)
{
    /// <summary>Valid experiments by name, plus the errors of invalid files.</summary>
    public async Task<(IReadOnlyList<Experiment> Experiments, IReadOnlyList<string> Errors)> ExperimentsAsync(CancellationToken cancellationToken)
    {
        var (results, errors) = await this.LoadAsync(options.ExperimentsPath, cancellationToken);
        return ([.. results.Select(r => r.Experiment).OfType<Experiment>().OrderBy(e => e.Name, StringComparer.Ordinal)], errors);
    }

    /// <summary>Valid suites, plus the errors of invalid files.</summary>
    public async Task<(IReadOnlyList<Suite> Suites, IReadOnlyList<string> Errors)> SuitesAsync(CancellationToken cancellationToken)
    {
        var (results, errors) = await this.LoadAsync(options.SuitesPath, cancellationToken);
        return ([.. results.Select(r => r.Suite is { } s ? s with { Source = r.File } : null).OfType<Suite>().OrderBy(s => s.Name, StringComparer.Ordinal)], errors);
    }

    /// <summary>One experiment by name, or null.</summary>
    public async Task<Experiment?> FindExperimentAsync(string name, CancellationToken cancellationToken) =>
        (await this.ExperimentsAsync(cancellationToken)).Experiments.FirstOrDefault(e => e.Name == name);

    /// <summary>One suite by name, or null.</summary>
    public async Task<Suite?> FindSuiteAsync(string name, CancellationToken cancellationToken) =>
        (await this.SuitesAsync(cancellationToken)).Suites.FirstOrDefault(s => s.Name == name);

    /// <summary>The experiments of a suite in order (paths relative to the suite file); errors name the entry.</summary>
    public async Task<(IReadOnlyList<(Experiment Experiment, SuiteEntry Entry)> Entries, IReadOnlyList<string> Errors)> ResolveAsync(Suite suite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var folder = Path.GetDirectoryName(Path.GetFullPath(suite.Source ?? Path.Combine(options.SuitesPath, suite.Name + ".yaml"))) ?? ".";
        var entries = new List<(Experiment, SuiteEntry)>();
        var errors = new List<string>();
        foreach (var entry in suite.Experiments)
        {
            var result = await InputFiles.ValidateFileAsync(Path.GetFullPath(Path.Combine(folder, entry.Experiment)), validator, cancellationToken);
            if (result.Experiment is { } experiment && result.IsValid)
            {
                entries.Add((experiment, entry));
            }
            else
            {
                errors.AddRange(result.Errors.Select(e => e.ToString()).DefaultIfEmpty($"{entry.Experiment}: not an experiment"));
            }
        }

        return (entries, errors);
    }

    private async Task<(IReadOnlyList<InputFileResult> Valid, IReadOnlyList<string> Errors)> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(path))
        {
            return ([], [$"{path}: no such folder"]);
        }

        var results = await InputFiles.ValidateAsync([path], validator, cancellationToken);
        return ([.. results.Where(r => r.IsValid)], [.. results.SelectMany(r => r.Errors).Select(e => e.ToString())]);
    }
}
