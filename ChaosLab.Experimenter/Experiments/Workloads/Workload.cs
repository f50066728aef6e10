using System.Text.Json;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Safety;

namespace ChaosLab.Experimenter.Experiments.Workloads;

/// <summary>
/// A system under test as ChaosLab's validation and runner need to know it: the label its pods are selected by, its
/// services (protocol and port: where HTTPChaos can act), its pods as its pinned manifests give them (the blast radius
/// validation can count), the hypothesis a bare Chaos Mesh manifest runs with, and whether its span metrics reach the
/// lab's Prometheus. <see cref="WorkloadCatalog.For"/> picks one by the experiment's namespace.
/// </summary>
public abstract class Workload
{
    /// <summary>The workload's name, for messages ("the Astronomy Shop").</summary>
    public abstract string DisplayName { get; }

    /// <summary>What its services are called in messages ("demo service").</summary>
    public abstract string ServiceNoun { get; }

    /// <summary>The pod label ChaosLab's experiments select on.</summary>
    public abstract string NameLabel { get; }

    /// <summary>Every pod label whose value is the component name (<see cref="NameLabel"/> first).</summary>
    public abstract IReadOnlyList<string> ComponentLabels { get; }

    /// <summary>Every service.</summary>
    public abstract IReadOnlyList<WorkloadService> Services { get; }

    /// <summary>A service named in messages' examples.</summary>
    public abstract string ExampleService { get; }

    /// <summary>Where validation's pod counts come from, for the blast-radius refusal ("in the demo's manifests").</summary>
    public abstract string PodSource { get; }

    /// <summary>True when the workload's traces reach the lab's collector: its span metrics are in the lab's Prometheus
    /// (the runner's SLI analysis, <c>service_name</c> = the target service, measures this workload and nothing else)
    /// and its traces in the lab's Jaeger (the report's link).</summary>
    public abstract bool SpanMetricsInLab { get; }

    /// <summary>What to say about Istio faults in the HTTPChaos-on-gRPC refusal.</summary>
    public abstract string IstioAdvice { get; }

    /// <summary>The workload's pods <paramref name="selection"/> matches (labels, expressions, phase Running), as its
    /// pinned manifests give them.</summary>
    public abstract int CountPods(PodSelection selection);

    /// <summary>The hypothesis a bare Chaos Mesh manifest aimed at <paramref name="service"/> in <paramref name="targetNamespace"/> runs with.</summary>
    public abstract Hypothesis DefaultHypothesis(string service, string targetNamespace);

    /// <summary>The service <paramref name="fault"/> targets, or null when it names none.</summary>
    public abstract string? TargetOf(Fault fault);

    /// <summary>The service whose code reads the feature flag <paramref name="flag"/>, or null.</summary>
    public abstract string? ServiceOfFlag(string? flag);

    /// <summary>The service named <paramref name="name"/>, or null.</summary>
    public WorkloadService? Find(string? name) =>
        name is null ? null : this.Services.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <summary>The service a Chaos Mesh selector names through its <c>labelSelectors</c> (the first of
    /// <see cref="ComponentLabels"/> present), or null.</summary>
    public string? ServiceOfSelector(JsonNode? selector) =>
        selector?["labelSelectors"] is JsonObject labels
            ? this.ComponentLabels.Select(label => Text(labels[label])).FirstOrDefault(name => !string.IsNullOrWhiteSpace(name))
            : null;

    /// <summary>Component names a selector names through the component labels (labelSelectors, or the first
    /// <c>In</c> expression on one of them).</summary>
    public IReadOnlyList<string> ServicesOf(JsonObject selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        if (this.ServiceOfSelector(selector) is { } named)
        {
            return [named];
        }

        if (selector["expressionSelectors"] is JsonArray expressions)
        {
            foreach (var expression in expressions.OfType<JsonObject>())
            {
                if (Text(expression["key"]) is { } key && this.ComponentLabels.Contains(key, StringComparer.Ordinal)
                    && Text(expression["operator"]) == "In" && expression["values"] is JsonArray values)
                {
                    return [.. values.Select(Text).OfType<string>()];
                }
            }
        }

        return [];
    }

    /// <summary>The services on which HTTPChaos works (plain HTTP/1).</summary>
    public IEnumerable<string> Http1Services() =>
        this.Services.Where(s => s.Protocol == Demo.ServiceProtocol.Http1).Select(s => s.Name);

    private protected static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
