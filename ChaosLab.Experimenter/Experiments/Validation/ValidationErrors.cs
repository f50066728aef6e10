using ChaosLab.Experimenter.Experiments.Parsing;

namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>Collects the errors of one file; every stage adds to it so all problems are reported at once.</summary>
public sealed class ValidationErrors
{
    private readonly List<ValidationError> _errors = [];

    /// <summary>Creates a collector for <paramref name="file"/>.</summary>
    public ValidationErrors(string file) => File = file;

    /// <summary>The file the errors are about.</summary>
    public string File { get; }

    /// <summary>The errors so far, in the order found.</summary>
    public IReadOnlyList<ValidationError> Items => _errors;

    /// <summary>Number of errors so far.</summary>
    public int Count => _errors.Count;

    /// <summary>Adds an error at a position.</summary>
    public void Add(SourcePosition? position, string? path, string message) =>
        _errors.Add(new ValidationError(File, position, path, message));

    /// <summary>Adds an error at a node's position.</summary>
    public void Add(YamlSourceNode? node, string? path, string message) => Add(node?.Start, path, message);
}
