using ChaosLab.Experimenter.Experiments.Parsing;

namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>Collects the errors of one file; every stage adds to it so all problems are reported at once.</summary>
public sealed class ValidationErrors
{
    /// <summary>Most errors kept per file (hostile files can produce thousands); the rest are only counted.</summary>
    public const int MaxKept = 200;

    private readonly List<ValidationError> _errors = [];

    /// <summary>Creates a collector for <paramref name="file"/>.</summary>
    public ValidationErrors(string file) => File = file;

    /// <summary>The file the errors are about.</summary>
    public string File { get; }

    /// <summary>The errors kept so far (at most <see cref="MaxKept"/>), in the order found.</summary>
    public IReadOnlyList<ValidationError> Items => _errors;

    /// <summary>Number of errors so far, kept or not.</summary>
    public int Count { get; private set; }

    /// <summary>Adds an error at a position.</summary>
    public void Add(SourcePosition? position, string? path, string message)
    {
        Count++;
        if (_errors.Count < MaxKept)
        {
            _errors.Add(new ValidationError(File, position, path, message));
        }
    }

    /// <summary>Adds an error at a node's position.</summary>
    public void Add(YamlSourceNode? node, string? path, string message) => Add(node?.Start, path, message);
}
