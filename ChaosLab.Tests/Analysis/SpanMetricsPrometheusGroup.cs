namespace ChaosLab.Tests.Analysis;

/// <summary>Test classes that share the backfilled Prometheus (started once, stopped after the last of them).</summary>
[CollectionDefinition(Name)]
public sealed class SpanMetricsPrometheusGroup : ICollectionFixture<SpanMetricsPrometheusFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "span-metrics-prometheus";
}
