namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>Where each field of a JSON document converted from YAML was written (field path → position).</summary>
public sealed class SourceMap
{
    private readonly Dictionary<string, SourcePosition> _positions = new(StringComparer.Ordinal);

    /// <summary>Records the position of <paramref name="path"/>.</summary>
    public void Set(string path, SourcePosition position) => _positions[path] = position;

    /// <summary>A copy with every path put under <paramref name="prefix"/>.</summary>
    public SourceMap WithPrefix(string prefix)
    {
        var result = new SourceMap();
        foreach (var (path, position) in _positions)
        {
            result._positions[FieldPath.Join(prefix, path)] = position;
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
