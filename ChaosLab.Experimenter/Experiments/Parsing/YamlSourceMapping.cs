namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>A YAML mapping with scalar keys, in source order; duplicate keys are refused by the reader.</summary>
public sealed class YamlSourceMapping : YamlSourceNode
{
    /// <summary>Creates an empty mapping; the reader adds the entries.</summary>
    public YamlSourceMapping(SourcePosition start)
        : base(start)
    {
    }

    /// <summary>The entries in source order.</summary>
    public List<KeyValuePair<YamlSourceScalar, YamlSourceNode>> Entries { get; } = [];

    /// <summary>The value under <paramref name="key"/>, or null.</summary>
    public YamlSourceNode? Get(string key)
    {
        foreach (var (k, v) in Entries)
        {
            if (string.Equals(k.Value, key, StringComparison.Ordinal))
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>The key scalar for <paramref name="key"/>, or null.</summary>
    public YamlSourceScalar? GetKey(string key)
    {
        foreach (var (k, _) in Entries)
        {
            if (string.Equals(k.Value, key, StringComparison.Ordinal))
            {
                return k;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string Describe() => "a mapping";
}
