using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>Reads <c>guardrails</c>: <c>abortWhen</c> conditions on hypothesis probes and <c>maxPodsAffected</c>.</summary>
public static class GuardrailsParser
{
    /// <summary>Reads the optional <c>guardrails</c> mapping of <paramref name="root"/>; null when it has errors.</summary>
    public static Guardrails? Read(YamlSourceMapping root, FieldReader reader, Hypothesis? hypothesis)
    {
        const string path = "guardrails";
        var map = reader.Mapping(root, string.Empty, "guardrails", required: false, "guardrails {abortWhen, maxPodsAffected}");
        if (map is null)
        {
            return root.Get("guardrails") is { } g && !FieldReader.IsNull(g) ? null : Guardrails.None;
        }

        reader.OnlyKeys(map, path, "abortWhen", "maxPodsAffected");
        var maxPods = map.Get("maxPodsAffected") is null ? (int?)null : reader.WholeNumber(map, path, "maxPodsAffected", required: false, 1, 10_000);
        var failed = map.Get("maxPodsAffected") is not null && maxPods is null;
        var conditions = new List<AbortCondition>();
        var list = reader.List(map, path, "abortWhen", required: false, "abort conditions");
        if (list is not null)
        {
            var listPath = FieldPath.Child(path, "abortWhen");
            for (var i = 0; i < list.Items.Count; i++)
            {
                var itemPath = FieldPath.Index(listPath, i);
                var item = reader.Mapping(list.Items[i], itemPath, "an abort condition {probe, hardLimit, for}");
                if (item is null)
                {
                    failed = true;
                    continue;
                }

                reader.OnlyKeys(item, itemPath, "probe", "hardLimit", "for");
                var probe = ProbeReferenceParser.Read(item, itemPath, reader, hypothesis);
                var limitNode = reader.Get(item, itemPath, "hardLimit", required: true);
                var limit = limitNode is null ? null : ToleranceParser.Read(limitNode, FieldPath.Child(itemPath, "hardLimit"), reader);
                var duration = item.Get("for") is null ? TimeSpan.Zero : reader.Duration(item, itemPath, "for", required: false, allowZero: true);
                if (probe is null || limit is null || duration is null)
                {
                    failed = true;
                    continue;
                }

                conditions.Add(new AbortCondition(probe, limit, duration.Value));
            }
        }
        else if (map.Get("abortWhen") is { } a && !FieldReader.IsNull(a))
        {
            failed = true;
        }

        return failed ? null : new Guardrails(conditions, maxPods);
    }
}
