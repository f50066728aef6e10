using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>Reads <c>expect</c>: <c>maxImpact</c> limits (each on a probe sampled during the fault, or on an SLI's peak) and <c>maxRecoveryTime</c>.</summary>
public static class ExpectationParser
{
    /// <summary>Reads the optional <c>expect</c> mapping of <paramref name="root"/>; not ok when it has errors.</summary>
    public static (bool Ok, Expectation? Value) Read(YamlSourceMapping root, FieldReader reader, Hypothesis? hypothesis, IReadOnlyList<SliOverride>? slis = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(reader);
        const string path = "expect";
        var map = reader.Mapping(root, string.Empty, "expect", required: false, "expectations {maxImpact, maxRecoveryTime}");
        if (map is null)
        {
            return (root.Get("expect") is not { } e || FieldReader.IsNull(e), null);
        }

        reader.OnlyKeys(map, path, "maxImpact", "maxRecoveryTime");
        var failed = false;
        TimeSpan? recovery = null;
        if (map.Get("maxRecoveryTime") is not null)
        {
            recovery = reader.Duration(map, path, "maxRecoveryTime", required: false);
            failed |= recovery is null;
        }

        var limits = new List<ImpactLimit>();
        var sliLimits = new List<SliImpactLimit>();
        var list = reader.List(map, path, "maxImpact", required: false, "impact limits");
        if (list is not null)
        {
            var listPath = FieldPath.Child(path, "maxImpact");
            for (var i = 0; i < list.Items.Count; i++)
            {
                var itemPath = FieldPath.Index(listPath, i);
                var item = reader.Mapping(list.Items[i], itemPath, "an impact limit {probe or sli, limit}");
                if (item is null)
                {
                    failed = true;
                    continue;
                }

                reader.OnlyKeys(item, itemPath, "probe", "sli", "limit");
                var isSli = item.Get("sli") is not null && item.Get("probe") is null;
                var probe = isSli ? SliParser.ReadImpactSli(item, itemPath, reader, slis) : ProbeReferenceParser.Read(item, itemPath, reader, hypothesis);
                if (!isSli && probe is not null && hypothesis?.Probes.FirstOrDefault(p => p.Name == probe) is { } sampled && !sampled.Phases.HasFlag(ProbePhases.During))
                {
                    // An impact limit is judged on the samples taken while the fault is active; a probe that is
                    // not sampled then has none, and the limit could never hold.
                    reader.Errors.Add(item.Get("probe"), FieldPath.Child(itemPath, "probe"),
                        $"probe '{probe}' has phases [{PhaseList(sampled.Phases)}] and is never sampled during the fault, so this impact limit could never be judged; " +
                        "add 'during' to the probe's phases (its tolerance is then judged during the fault too), or bound the impact with a separate probe that has phases: [during]");
                    failed = true;
                    continue;
                }

                var limitNode = reader.Get(item, itemPath, "limit", required: true);
                var limit = limitNode is null ? null : ToleranceParser.Read(limitNode, FieldPath.Child(itemPath, "limit"), reader);
                if (probe is null || limit is null)
                {
                    failed = true;
                    continue;
                }

                if (isSli)
                {
                    sliLimits.Add(new SliImpactLimit(probe, limit));
                }
                else
                {
                    limits.Add(new ImpactLimit(probe, limit));
                }
            }
        }
        else if (map.Get("maxImpact") is { } m && !FieldReader.IsNull(m))
        {
            failed = true;
        }

        return failed ? (false, null) : (true, new Expectation(limits, recovery) { SliImpact = sliLimits });
    }

    private static string PhaseList(ProbePhases phases) =>
        string.Join(", ", new[] { (ProbePhases.Before, "before"), (ProbePhases.During, "during"), (ProbePhases.After, "after") }
            .Where(p => phases.HasFlag(p.Item1)).Select(p => p.Item2));
}
