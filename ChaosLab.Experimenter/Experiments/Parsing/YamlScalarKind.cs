namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>The type a scalar resolves to under the YAML 1.2 core schema.</summary>
public enum YamlScalarKind
{
    /// <summary>null, ~, empty.</summary>
    Null,

    /// <summary>true / false.</summary>
    Bool,

    /// <summary>Decimal, 0x hex or 0o octal integer.</summary>
    Integral,

    /// <summary>Decimal float, .inf, .nan.</summary>
    Fractional,

    /// <summary>Anything else, and every quoted scalar.</summary>
    Text,
}
