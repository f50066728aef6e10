using ChaosLab.Experimenter.Experiments.Parsing;

namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>
/// One problem with an input file, printed as <c>file:line:column: field.path: message</c>
/// (position and path when known).
/// </summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Position">Where in the file, when known.</param>
/// <param name="Path">The field path (<c>fault.chaos.spec.selector.mode</c>), when the problem is about a field.</param>
/// <param name="Message">What is wrong and what is allowed.</param>
public sealed record ValidationError(string File, SourcePosition? Position, string? Path, string Message)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = Position is { } p ? $"{File}:{p.Line}:{p.Column}" : File;
        var path = Path is { Length: > 200 } ? Path[..200] + "..." : Path;
        return path is { Length: > 0 } ? $"{where}: {path}: {Message}" : $"{where}: {Message}";
    }
}
