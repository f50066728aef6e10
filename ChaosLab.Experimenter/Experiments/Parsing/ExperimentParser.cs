using ChaosLab.Experimenter.Experiments.Demo;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Experiments.Workloads;

namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>
/// Reads an experiment file (ChaosLab's format) or a bare Chaos Mesh manifest into the typed
/// <see cref="Experiment"/>. Strict: unknown fields, wrong types and missing parts are errors with
/// position and field path. Pure: the caller reads the file.
/// </summary>
public static class ExperimentParser
{
    private static readonly string[] TopLevel = ["name", "description", "namespace", "fault", "hypothesis", "timing", "guardrails", "expect", "slis"];

    /// <summary>Longest experiment name (object names are <c>&lt;name&gt;-&lt;run id&gt;</c>, ≤ 63).</summary>
    public const int MaxNameLength = 40;

    /// <summary>Longest allowed timing window.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromHours(24);

    /// <summary>True when the mapping looks like a bare Chaos Mesh manifest (has apiVersion or kind at the top).</summary>
    public static bool IsBareManifest(YamlSourceMapping root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return root.Get("apiVersion") is not null || root.Get("kind") is not null;
    }

    /// <summary>Parses <paramref name="root"/>; errors go to <paramref name="errors"/>.</summary>
    public static ParsedExperiment Parse(YamlSourceMapping root, ValidationErrors errors, ExperimentValidationOptions options, FlagCatalog flags, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(flags);
        var reader = new FieldReader(errors);
        var before = errors.Count;
        var parsed = IsBareManifest(root) ? ParseBare(root, reader, options) : ParseExperiment(root, reader, flags);
        return errors.Count > before || parsed.Experiment is null
            ? parsed with { Experiment = null }
            : parsed with { Experiment = parsed.Experiment with { Source = source } };
    }

    private static ParsedExperiment ParseExperiment(YamlSourceMapping root, FieldReader reader, FlagCatalog flags)
    {
        reader.OnlyKeys(root, string.Empty, TopLevel);
        var name = ReadName(root, reader.Text(root, string.Empty, "name", required: true), reader);
        var description = reader.Text(root, string.Empty, "description", required: false, allowEmpty: true) ?? string.Empty;
        var @namespace = reader.Text(root, string.Empty, "namespace", required: true);
        if (@namespace is not null && KubernetesNames.CheckDnsLabel(@namespace) is { } nsError)
        {
            reader.Errors.Add(root.Get("namespace"), "namespace", nsError);
            @namespace = null;
        }

        var namespacePosition = root.Get("namespace")?.Start;

        // Fault
        Fault? fault = null;
        ChaosManifestSource? chaosSource = null;
        ChaosKind? kind = null;
        TimeSpan? specDuration = null;
        var faultMap = reader.Mapping(root, string.Empty, "fault", required: true, "a fault (chaos: <Chaos Mesh object>, flag: <flagd flag> or istio: <Istio fault>)");
        if (faultMap is not null)
        {
            reader.OnlyKeys(faultMap, "fault", "chaos", "flag", "istio");
            var hasChaos = faultMap.Get("chaos") is not null;
            var hasFlag = faultMap.Get("flag") is not null;
            var hasIstio = faultMap.Get("istio") is not null;
            var count = (hasChaos ? 1 : 0) + (hasFlag ? 1 : 0) + (hasIstio ? 1 : 0);
            if (count != 1)
            {
                reader.Errors.Add(faultMap, "fault", count > 1
                    ? (hasChaos && hasFlag && !hasIstio ? "a fault is either chaos or flag, not both" : "a fault is one of chaos, flag or istio, not several")
                    : "a fault needs one of: chaos (a Chaos Mesh object), flag (a flagd flag) or istio (an Istio VirtualService fault)");
            }
            else if (hasIstio)
            {
                fault = IstioFaultParser.Read(faultMap, reader, WorkloadCatalog.For(@namespace));
            }
            else if (hasChaos)
            {
                var chaosMap = reader.Mapping(faultMap, "fault", "chaos", required: true, "a Chaos Mesh object {kind, spec}");
                if (chaosMap is not null)
                {
                    var result = ChaosObjectParser.Read(chaosMap, "fault.chaos", bare: false, reader);
                    chaosSource = result.Source;
                    kind = result.Kind;
                    specDuration = ReadSpecDuration(chaosMap.Get("spec"));
                    if (kind is { } k && result.Source.Manifest["spec"] is System.Text.Json.Nodes.JsonObject)
                    {
                        fault = new ChaosMeshFault(k, result.Source.Manifest);
                    }
                }
            }
            else
            {
                fault = FlagFaultParser.Read(faultMap, reader, flags);
            }
        }

        // Hypothesis
        Hypothesis? hypothesis = null;
        var hypothesisMap = reader.Mapping(root, string.Empty, "hypothesis", required: true, "a hypothesis {probes}");
        if (hypothesisMap is not null)
        {
            hypothesis = HypothesisParser.Read(hypothesisMap, "hypothesis", reader);
        }

        var timing = ReadTiming(root, reader, fault, specDuration);
        var guardrails = GuardrailsParser.Read(root, reader, hypothesis);
        var slis = SliParser.Read(root, reader);
        var expect = ExpectationParser.Read(root, reader, hypothesis, slis);

        Experiment? experiment = null;
        if (name is not null && @namespace is not null && fault is not null && hypothesis is not null && timing is not null && guardrails is not null && expect.Ok && slis is not null)
        {
            experiment = new Experiment(name, description, @namespace, fault, hypothesis, timing, guardrails, expect.Value) { Slis = slis };
        }

        return new ParsedExperiment(experiment, chaosSource, kind, @namespace, namespacePosition, guardrails?.MaxPodsAffected);
    }

    private static ParsedExperiment ParseBare(YamlSourceMapping root, FieldReader reader, ExperimentValidationOptions options)
    {
        var result = ChaosObjectParser.Read(root, string.Empty, bare: true, reader);
        var metadata = root.Get("metadata") as YamlSourceMapping;
        var name = ReadName(metadata ?? root, result.Name, reader, "metadata.name");
        var @namespace = result.Namespace ?? options.DefaultNamespace;
        var namespacePosition = metadata?.Get("namespace")?.Start ?? root.Start;
        if (KubernetesNames.CheckDnsLabel(@namespace) is { } nsError)
        {
            reader.Errors.Add(metadata?.Get("namespace"), "metadata.namespace", nsError);
        }

        var spec = root.Get("spec");
        var specDuration = ReadSpecDuration(spec);
        Fault? fault = result.Kind is { } k && result.Source.Manifest["spec"] is System.Text.Json.Nodes.JsonObject
            ? new ChaosMeshFault(k, result.Source.Manifest)
            : null;

        TimeSpan? faultDuration = specDuration;
        if (fault is not null && faultDuration is null && spec is YamlSourceMapping specMap && specMap.Get("duration") is null)
        {
            if (fault.IsOneShot)
            {
                faultDuration = Timing.DefaultOneShotWindow;
            }
            else
            {
                reader.Errors.Add(specMap, "spec.duration", ContinuousWithoutDuration("spec.duration"));
            }
        }

        // The default hypothesis watches the service the selector names, as the namespace's workload defines it.
        Hypothesis? hypothesis = null;
        var workload = WorkloadCatalog.For(@namespace);
        var service = fault is null ? null : workload.TargetOf(fault);
        if (service is null)
        {
            if (fault is not null)
            {
                reader.Errors.Add(spec, "spec.selector.labelSelectors", $"a bare Chaos Mesh manifest runs with a default hypothesis for the service it targets: select the pods with labelSelectors {workload.NameLabel}: <{workload.ServiceNoun}>, or write a full experiment file with its own hypothesis (docs/experiments.md)");
            }
        }
        else
        {
            hypothesis = workload.DefaultHypothesis(service, @namespace);
        }

        Experiment? experiment = null;
        if (name is not null && fault is not null && hypothesis is not null && faultDuration is not null)
        {
            var timing = new Timing(Timing.DefaultBaseline, faultDuration.Value, Timing.DefaultRecoveryTimeout, Timing.DefaultCooldown, Timing.DefaultProbeInterval);
            experiment = new Experiment(name, $"Bare {ChaosKinds.KindName(result.Kind!.Value)} manifest with the default hypothesis for {service}.", @namespace, fault, hypothesis, timing, Guardrails.None, null)
            {
                FromBareManifest = true,
            };
        }

        return new ParsedExperiment(experiment, result.Source, result.Kind, @namespace, namespacePosition, null);
    }

    /// <summary>The message for a continuous fault that has no duration.</summary>
    public static string ContinuousWithoutDuration(string where) =>
        $"a continuous fault needs a duration ({where}): it is the dead-man's switch that heals the cluster even if ChaosLab dies; only one-shot pod-kill and container-kill may go without";

    private static string? ReadName(YamlSourceMapping map, string? name, FieldReader reader, string path = "name")
    {
        if (name is null)
        {
            return null;
        }

        if (KubernetesNames.CheckDnsLabel(name, MaxNameLength) is { } error)
        {
            reader.Errors.Add(map.Get("name"), path, error + $" (experiment names become object names '<name>-<run id>' and label values; at most {MaxNameLength} characters)");
            return null;
        }

        return name;
    }

    // spec.duration as written in a Chaos Mesh object; syntax errors are the webhook rules' to report.
    private static TimeSpan? ReadSpecDuration(YamlSourceNode? spec) =>
        spec is YamlSourceMapping m && m.Get("duration") is YamlSourceScalar s && GoDuration.TryParse(s.Value, out var d, out _) && d > TimeSpan.Zero
            ? d
            : null;

    private static Timing? ReadTiming(YamlSourceMapping root, FieldReader reader, Fault? fault, TimeSpan? specDuration)
    {
        const string path = "timing";
        var map = reader.Mapping(root, string.Empty, "timing", required: false, "timing {baseline, faultDuration, recoveryTimeout, cooldown, probeInterval}");
        if (map is null && root.Get("timing") is { } t && !FieldReader.IsNull(t))
        {
            return null;
        }

        TimeSpan? Window(string key, TimeSpan fallback, bool allowZero = false)
        {
            if (map?.Get(key) is null)
            {
                return fallback;
            }

            var value = reader.Duration(map, path, key, required: false, allowZero);
            if (value > MaxWindow)
            {
                reader.Errors.Add(map.Get(key), FieldPath.Child(path, key), $"{GoDuration.Format(value.Value)} is longer than the {GoDuration.Format(MaxWindow)} ChaosLab allows");
                return null;
            }

            return value;
        }

        if (map is not null)
        {
            reader.OnlyKeys(map, path, "baseline", "faultDuration", "recoveryTimeout", "cooldown", "probeInterval");
        }

        var baseline = Window("baseline", Timing.DefaultBaseline);
        var recovery = Window("recoveryTimeout", Timing.DefaultRecoveryTimeout);
        var cooldown = Window("cooldown", Timing.DefaultCooldown, allowZero: true);
        var interval = Window("probeInterval", Timing.DefaultProbeInterval);
        TimeSpan? faultDuration = map?.Get("faultDuration") is null ? null : Window("faultDuration", TimeSpan.Zero);
        var failed = baseline is null || recovery is null || cooldown is null || interval is null || (map?.Get("faultDuration") is not null && faultDuration is null);

        if (interval is { } i && i < TimeSpan.FromSeconds(1))
        {
            reader.Errors.Add(map?.Get("probeInterval"), "timing.probeInterval", "must be at least 1s (Prometheus and the API server are not sampled faster)");
            failed = true;
        }

        if (interval is { } i2 && baseline is { } b && i2 > b)
        {
            reader.Errors.Add(map?.Get("probeInterval"), "timing.probeInterval", $"the probe interval ({GoDuration.Format(i2)}) is longer than the baseline window ({GoDuration.Format(b)}): the baseline would have no sample");
            failed = true;
        }

        if (faultDuration is { } fd && specDuration is { } sd && fd != sd)
        {
            reader.Errors.Add(map?.Get("faultDuration"), "timing.faultDuration", $"{GoDuration.Format(fd)} differs from the Chaos Mesh object's spec.duration ({GoDuration.Format(sd)}); set one of them");
            failed = true;
        }

        faultDuration ??= specDuration;
        if (faultDuration is null && fault is not null && !failed)
        {
            if (fault.IsOneShot)
            {
                faultDuration = Timing.DefaultOneShotWindow;
            }
            else
            {
                reader.Errors.Add(map ?? root, "timing.faultDuration", ContinuousWithoutDuration("timing.faultDuration or the object's spec.duration") + fault switch
                {
                    FlagFault => " (a flag is switched back after it)",
                    IstioFault => " (Istio faults have no duration of their own: ChaosLab deletes the VirtualService after it)",
                    _ => string.Empty,
                });
                failed = true;
            }
        }

        return failed || faultDuration is null ? null : new Timing(baseline!.Value, faultDuration.Value, recovery!.Value, cooldown!.Value, interval!.Value);
    }
}
