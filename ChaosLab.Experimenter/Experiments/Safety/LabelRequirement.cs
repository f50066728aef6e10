namespace ChaosLab.Experimenter.Experiments.Safety;

/// <summary>One entry of a selector's <c>expressionSelectors</c> (a Kubernetes label-selector requirement):
/// <c>In</c>, <c>NotIn</c>, <c>Exists</c>, <c>DoesNotExist</c>.</summary>
/// <param name="Key">The label key.</param>
/// <param name="Operator">The operator as written.</param>
/// <param name="Values">The values (for In and NotIn).</param>
public sealed record LabelRequirement(string Key, string Operator, IReadOnlyList<string> Values)
{
    /// <summary>The operators Kubernetes label selectors know.</summary>
    public static IReadOnlyList<string> Operators { get; } = ["In", "NotIn", "Exists", "DoesNotExist"];

    /// <summary>True when <paramref name="labels"/> satisfy the requirement (an unknown operator matches nothing).</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var has = labels.TryGetValue(this.Key, out var value);
        return this.Operator switch
        {
            "In" => has && this.Values.Contains(value!, StringComparer.Ordinal),
            "NotIn" => !has || !this.Values.Contains(value!, StringComparer.Ordinal),
            "Exists" => has,
            "DoesNotExist" => !has,
            _ => false,
        };
    }

    /// <summary>The requirement in the API server's label-selector syntax (<c>k in (a,b)</c>, <c>k notin (a)</c>, <c>k</c>, <c>!k</c>).</summary>
    public string ToSelector() => this.Operator switch
    {
        "In" => $"{this.Key} in ({string.Join(',', this.Values)})",
        "NotIn" => $"{this.Key} notin ({string.Join(',', this.Values)})",
        "Exists" => this.Key,
        "DoesNotExist" => "!" + this.Key,
        _ => throw new ArgumentException($"expressionSelectors: operator '{this.Operator}' is not one of In, NotIn, Exists, DoesNotExist"),
    };
}
