namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>A YAML sequence (list).</summary>
public sealed class YamlSourceSequence : YamlSourceNode
{
    /// <summary>Creates an empty sequence; the reader adds the items.</summary>
    public YamlSourceSequence(SourcePosition start)
        : base(start)
    {
    }

    /// <summary>The items in order.</summary>
    public List<YamlSourceNode> Items { get; } = [];

    /// <inheritdoc />
    public override string Describe() => "a list";
}
