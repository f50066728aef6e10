using ChaosLab.Experimenter.Prometheus;

namespace ChaosLab.Experimenter.Analysis;

/// <summary>Which services (and spans) an analysis covers: named ones, or every <c>service_name</c> with data (<see cref="Services"/> null).</summary>
/// <param name="Services">The services, or null for every service with span metrics in the baseline.</param>
/// <param name="SpanName">A single <c>span_name</c>, or null for every span.</param>
/// <param name="SpanKind">The <c>span_kind</c>; server spans by default.</param>
public sealed record ServiceScope(IReadOnlyList<string>? Services, string? SpanName = null, string SpanKind = SliTarget.ServerSpanKind)
{
    /// <summary>Label matchers (without braces) for <paramref name="services"/> (null: any service).</summary>
    public string Selector(IReadOnlyList<string>? services)
    {
        var service = services switch
        {
            null => null,
            [var one] => $"service_name={PrometheusFormat.Quote(one)}",
            _ => $"service_name=~{PrometheusFormat.Quote(string.Join('|', services.Select(EscapeRegex)))}",
        };
        var selector = $"span_kind={PrometheusFormat.Quote(SpanKind)}";
        selector = service is null ? selector : $"{service},{selector}";
        return SpanName is null ? selector : $"{selector},span_name={PrometheusFormat.Quote(SpanName)}";
    }

    /// <summary>The target of one service in this scope.</summary>
    public SliTarget Target(string service) => new(service, SpanName, SpanKind);

    // RE2 metacharacters in a service name are matched literally.
    private static string EscapeRegex(string value) =>
        string.Concat(value.Select(c => "\\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal) ? "\\" + c : c.ToString()));
}
