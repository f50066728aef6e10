namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>Where each field of a JSON document converted from YAML was written (field path → position).</summary>
public sealed class SourceMap
{
    private readonly Dictionary<string, SourcePosition> _positions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unconverted = new(StringComparer.Ordinal);

    /// <summary>Records the position of <paramref name="path"/>.</summary>
    public void Set(string path, SourcePosition position) => _positions[path] = position;

    /// <summary>Marks a scalar that could not become a JSON value (already reported; later checks skip it).</summary>
    public void MarkUnconverted(string path) => _unconverted.Add(path);

    /// <summary>True when <paramref name="path"/> was already reported as unconvertible.</summary>
    public bool IsUnconverted(string path) => _unconverted.Contains(path);

    /// <summary>A copy with every path put under <paramref name="prefix"/>.</summary>
    public SourceMap WithPrefix(string prefix)
    {
        var result = new SourceMap();
        foreach (var (path, position) in _positions)
        {
            result._positions[FieldPath.Join(prefix, path)] = position;
        }

        foreach (var path in _unconverted)
        {
            result._unconverted.Add(FieldPath.Join(prefix, path));
        }

        return result;
    }

    /// <summary>The position of <paramref name="path"/>, or of its nearest ancestor that has one.</summary>
    public SourcePosition? Find(string path)
    {
        for (string? p = path; p is not null; p = FieldPath.Parent(p))
        {
            if (_positions.TryGetValue(p, out var position))
            {
                return position;
            }
        }

        return null;
    }
}
