namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>A scalar: its text as written, whether it was plain (unquoted) and its explicit tag.</summary>
public sealed class YamlSourceScalar : YamlSourceNode
{
    /// <summary>Creates a scalar.</summary>
    public YamlSourceScalar(SourcePosition start, string value, bool isPlain, string? tag)
        : base(start)
    {
        Value = value;
        IsPlain = isPlain;
        Tag = tag;
    }

    /// <summary>The scalar's text.</summary>
    public string Value { get; }

    /// <summary>True when unquoted (then YAML 1.2 core typing applies: null, bool, int, float).</summary>
    public bool IsPlain { get; }

    /// <summary>The explicit tag (<c>tag:yaml.org,2002:str</c>), or null.</summary>
    public string? Tag { get; }

    /// <summary>True when the scalar is YAML null (<c>~</c>, <c>null</c>, empty, or <c>!!null</c>).</summary>
    public bool IsNull => YamlScalarTyping.Resolve(this).Kind == YamlScalarKind.Null;

    /// <inheritdoc />
    public override string Describe() => YamlScalarTyping.Resolve(this).Kind switch
    {
        YamlScalarKind.Null => "null",
        YamlScalarKind.Bool => $"a boolean ({Value})",
        YamlScalarKind.Integral => $"an integer ({Value})",
        YamlScalarKind.Fractional => $"a number ({Value})",
        _ => $"a string ('{Shorten(Value)}')",
    };

    /// <summary>The text cut to 60 characters for messages.</summary>
    public static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
