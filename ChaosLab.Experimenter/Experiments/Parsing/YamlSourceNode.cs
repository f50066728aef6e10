namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>
/// A YAML node with the position it starts at. Built by <see cref="YamlSourceReader"/>; aliases are
/// resolved to the anchored node (shared, not copied).
/// </summary>
public abstract class YamlSourceNode
{
    /// <summary>Creates a node starting at <paramref name="start"/>.</summary>
    protected YamlSourceNode(SourcePosition start) => Start = start;

    /// <summary>Where the node starts.</summary>
    public SourcePosition Start { get; }

    /// <summary>What the node is, for messages: "a string", "a mapping", "a list", …</summary>
    public abstract string Describe();
}
