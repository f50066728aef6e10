using ChaosLab.Experimenter.Prometheus;

namespace ChaosLab.Experimenter.Analysis;

/// <summary>What an SLI is measured on: a service (the demo's <c>service_name</c>), optionally one span name, and a span kind.</summary>
/// <param name="Service">The <c>service_name</c> label (equals the demo component name).</param>
/// <param name="SpanName">A single <c>span_name</c>, or null for every span of the service.</param>
/// <param name="SpanKind">The <c>span_kind</c> label; server spans by default.</param>
public sealed record SliTarget(string Service, string? SpanName = null, string SpanKind = SliTarget.ServerSpanKind)
{
    /// <summary>The span kind of the spans a service serves.</summary>
    public const string ServerSpanKind = "SPAN_KIND_SERVER";

    /// <summary>The label matchers without braces, e.g. <c>service_name="cart",span_kind="SPAN_KIND_SERVER"</c>.</summary>
    public string Selector()
    {
        var selector = $"service_name={PrometheusFormat.Quote(Service)},span_kind={PrometheusFormat.Quote(SpanKind)}";
        return SpanName is null ? selector : $"{selector},span_name={PrometheusFormat.Quote(SpanName)}";
    }

    /// <summary>For messages: <c>cart</c> or <c>cart/GetCart</c>.</summary>
    public override string ToString() => SpanName is null ? Service : $"{Service}/{SpanName}";
}
