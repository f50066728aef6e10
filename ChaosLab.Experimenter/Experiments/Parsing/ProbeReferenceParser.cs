using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>Reads a <c>probe</c> reference (in guardrails and expectations): it must name a probe of the hypothesis.</summary>
public static class ProbeReferenceParser
{
    /// <summary>The probe named by <paramref name="item"/>'s <c>probe</c> field, or null (with an error and a did-you-mean)
    /// when the hypothesis has no such probe.</summary>
    public static string? Read(YamlSourceMapping item, string itemPath, FieldReader reader, Hypothesis? hypothesis)
    {
        var probe = reader.Text(item, itemPath, "probe", required: true);
        if (probe is null || hypothesis is null)
        {
            return probe;
        }

        var names = hypothesis.Probes.Select(p => p.Name).ToArray();
        if (!names.Contains(probe, StringComparer.Ordinal))
        {
            reader.Errors.Add(item.Get("probe"), FieldPath.Child(itemPath, "probe"), $"no probe named '{YamlSourceScalar.Shorten(probe)}' in the hypothesis{Suggestions.Hint(probe, names)}; probes: {string.Join(", ", names)}");
            return null;
        }

        return probe;
    }
}
