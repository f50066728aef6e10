using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>Reads <c>hypothesis.probes</c>: each probe is one of <c>prometheus</c>, <c>http</c>, <c>deploymentReady</c>.</summary>
public static class HypothesisParser
{
    private static readonly string[] ProbeKinds = ["prometheus", "http", "deploymentReady"];

    /// <summary>Reads the hypothesis mapping at <paramref name="path"/>.</summary>
    public static Hypothesis? Read(YamlSourceMapping map, string path, FieldReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.OnlyKeys(map, path, "probes");
        var list = reader.List(map, path, "probes", required: true, "probes");
        if (list is null)
        {
            return null;
        }

        var listPath = FieldPath.Child(path, "probes");
        if (list.Items.Count == 0)
        {
            reader.Errors.Add(list, listPath, "a hypothesis needs at least one probe");
            return null;
        }

        var probes = new List<Probe>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var failed = false;
        for (var i = 0; i < list.Items.Count; i++)
        {
            var probePath = FieldPath.Index(listPath, i);
            var probe = ReadProbe(list.Items[i], probePath, reader);
            if (probe is null)
            {
                failed = true;
                continue;
            }

            if (names.TryGetValue(probe.Name, out var first))
            {
                reader.Errors.Add(list.Items[i], FieldPath.Child(probePath, "name"), $"probe name '{probe.Name}' is already used by probes[{first}]; names must be unique");
                failed = true;
                continue;
            }

            names[probe.Name] = i;
            probes.Add(probe);
        }

        return failed ? null : new Hypothesis(probes);
    }

    private static Probe? ReadProbe(YamlSourceNode node, string path, FieldReader reader)
    {
        var map = reader.Mapping(node, path, "a probe");
        if (map is null)
        {
            return null;
        }

        reader.OnlyKeys(map, path, "name", "prometheus", "http", "deploymentReady", "tolerance", "phases");
        var name = reader.Text(map, path, "name", required: true);
        if (name is not null && (name.Length > 63 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            reader.Errors.Add(map.Get("name"), FieldPath.Child(path, "name"), $"'{YamlSourceScalar.Shorten(name)}' is not a valid probe name; allowed: up to 63 letters, digits, '-', '_' or '.'");
            name = null;
        }

        var phases = ReadPhases(map, path, reader);
        var kinds = map.Entries.Where(e => ProbeKinds.Contains(e.Key.Value, StringComparer.Ordinal)).ToList();
        if (kinds.Count != 1)
        {
            reader.Errors.Add(map, path, kinds.Count == 0
                ? "a probe needs exactly one of: prometheus, http, deploymentReady"
                : $"a probe takes exactly one of prometheus, http, deploymentReady; found {string.Join(" and ", kinds.Select(k => k.Key.Value))}");
            return null;
        }

        var (kindKey, body) = kinds[0];
        var bodyPath = FieldPath.Child(path, kindKey.Value);
        var toleranceNode = map.Get("tolerance");
        Probe? probe;
        switch (kindKey.Value)
        {
            case "prometheus":
            {
                var m = reader.Mapping(body, bodyPath, "a Prometheus probe {query}");
                string? query = null;
                if (m is not null)
                {
                    reader.OnlyKeys(m, bodyPath, "query");
                    query = reader.Text(m, bodyPath, "query", required: true);
                }

                Tolerance? tolerance = null;
                if (toleranceNode is null)
                {
                    reader.Errors.Add(map, FieldPath.Child(path, "tolerance"), "required field is missing (a Prometheus probe needs a tolerance)");
                }
                else
                {
                    tolerance = ToleranceParser.Read(toleranceNode, FieldPath.Child(path, "tolerance"), reader);
                }

                probe = query is null || tolerance is null || name is null ? null : new PrometheusProbe(query, tolerance) { Name = name };
                break;
            }

            case "http":
                probe = ReadHttp(body, bodyPath, name, reader);
                break;
            default:
                probe = ReadDeploymentReady(body, bodyPath, name, reader);
                break;
        }

        if (kindKey.Value != "prometheus" && toleranceNode is not null)
        {
            reader.Errors.Add(map.GetKey("tolerance"), FieldPath.Child(path, "tolerance"), kindKey.Value == "http"
                ? "an http probe is judged by expectedStatus; tolerance is only for prometheus probes"
                : "a deploymentReady probe is judged by minReadyReplicas; tolerance is only for prometheus probes");
            return null;
        }

        return probe is null || phases is null ? null : probe with { Phases = phases.Value };
    }

    private static HttpProbe? ReadHttp(YamlSourceNode body, string path, string? name, FieldReader reader)
    {
        var m = reader.Mapping(body, path, "an HTTP probe {url, expectedStatus, timeout}");
        if (m is null)
        {
            return null;
        }

        reader.OnlyKeys(m, path, "url", "expectedStatus", "timeout");
        var url = reader.Text(m, path, "url", required: true);
        Uri? uri = null;
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            reader.Errors.Add(m.Get("url"), FieldPath.Child(path, "url"), $"'{YamlSourceScalar.Shorten(url)}' is not an absolute http:// or https:// URL");
            uri = null;
        }

        var status = m.Get("expectedStatus") is null ? 200 : reader.WholeNumber(m, path, "expectedStatus", required: false, 100, 599);
        var timeout = m.Get("timeout") is null ? TimeSpan.FromSeconds(5) : reader.Duration(m, path, "timeout", required: false);
        return uri is null || status is null || timeout is null || name is null ? null : new HttpProbe(uri, status.Value, timeout.Value) { Name = name };
    }

    private static DeploymentReadyProbe? ReadDeploymentReady(YamlSourceNode body, string path, string? name, FieldReader reader)
    {
        var m = reader.Mapping(body, path, "a deploymentReady probe {deployment, namespace, minReadyReplicas}");
        if (m is null)
        {
            return null;
        }

        reader.OnlyKeys(m, path, "deployment", "namespace", "minReadyReplicas");
        var deployment = reader.Text(m, path, "deployment", required: true);
        if (deployment is not null && KubernetesNames.CheckDnsLabel(deployment, 253) is { } e1)
        {
            reader.Errors.Add(m.Get("deployment"), FieldPath.Child(path, "deployment"), e1);
            deployment = null;
        }

        var ns = reader.Text(m, path, "namespace", required: false);
        if (ns is not null && KubernetesNames.CheckDnsLabel(ns) is { } e2)
        {
            reader.Errors.Add(m.Get("namespace"), FieldPath.Child(path, "namespace"), e2);
        }

        var min = m.Get("minReadyReplicas") is null ? 1 : reader.WholeNumber(m, path, "minReadyReplicas", required: false, 0, 10_000);
        return deployment is null || min is null || name is null ? null : new DeploymentReadyProbe(ns, deployment, min.Value) { Name = name };
    }

    private static ProbePhases? ReadPhases(YamlSourceMapping map, string path, FieldReader reader)
    {
        var node = map.Get("phases");
        if (node is null)
        {
            return ProbePhases.All;
        }

        var phasesPath = FieldPath.Child(path, "phases");
        if (node is YamlSourceScalar { Value: "all" })
        {
            return ProbePhases.All;
        }

        var list = reader.List(map, path, "phases", required: true, "phases (a list of before, during, after; or 'all')");
        if (list is null)
        {
            return null;
        }

        var result = ProbePhases.None;
        for (var i = 0; i < list.Items.Count; i++)
        {
            var item = reader.StringValue(list.Items[i], FieldPath.Index(phasesPath, i), required: true);
            ProbePhases? phase = item switch
            {
                "before" => ProbePhases.Before,
                "during" => ProbePhases.During,
                "after" => ProbePhases.After,
                null => ProbePhases.None,
                _ => null,
            };
            if (phase is null)
            {
                reader.Errors.Add(list.Items[i], FieldPath.Index(phasesPath, i), $"'{YamlSourceScalar.Shorten(item!)}' is not a phase; allowed: before, during, after");
                return null;
            }

            result |= phase.Value;
        }

        if (result == ProbePhases.None)
        {
            reader.Errors.Add(list, phasesPath, "a probe must be judged in at least one phase (before, during, after)");
            return null;
        }

        return result;
    }
}
