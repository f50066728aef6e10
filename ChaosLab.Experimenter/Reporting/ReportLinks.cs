using System.Globalization;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>Where the report's deep links point: Grafana (the run's time range) and Jaeger's search (the target
/// service in the fault window, error traces). Both behind the shop's port-forward by default.</summary>
/// <param name="Grafana">Grafana's base URL (<c>--grafana</c>, <c>Lab:Grafana:Url</c>).</param>
/// <param name="Jaeger">Jaeger UI's base URL (<c>--jaeger</c>, <c>Lab:Jaeger:Url</c>).</param>
public sealed record ReportLinks(Uri Grafana, Uri Jaeger)
{
    /// <summary>The demo's Grafana behind the shop port-forward.</summary>
    public static readonly Uri DefaultGrafana = new("http://127.0.0.1:18080/grafana");

    /// <summary>The demo's Jaeger UI behind the shop port-forward.</summary>
    public static readonly Uri DefaultJaeger = new("http://127.0.0.1:18080/jaeger/ui");

    /// <summary>The defaults.</summary>
    public static ReportLinks Default { get; } = new(DefaultGrafana, DefaultJaeger);

    /// <summary>Grafana Explore over <paramref name="from"/>..<paramref name="to"/> (milliseconds since the epoch).</summary>
    public string GrafanaExplore(DateTimeOffset from, DateTimeOffset to)
    {
        var range = string.Create(CultureInfo.InvariantCulture, $"{{\"range\":{{\"from\":\"{from.ToUnixTimeMilliseconds()}\",\"to\":\"{to.ToUnixTimeMilliseconds()}\"}}}}");
        return $"{Trim(this.Grafana)}/explore?orgId=1&left={Uri.EscapeDataString(range)}";
    }

    /// <summary>Jaeger's search for <paramref name="service"/>'s error traces between the two times (microseconds).</summary>
    public string JaegerSearch(string service, DateTimeOffset start, DateTimeOffset end)
    {
        var startUs = start.ToUnixTimeMilliseconds() * 1000;
        var endUs = end.ToUnixTimeMilliseconds() * 1000;
        return string.Create(CultureInfo.InvariantCulture,
            $"{Trim(this.Jaeger)}/search?service={Uri.EscapeDataString(service)}&start={startUs}&end={endUs}&limit=20&tags={Uri.EscapeDataString("{\"error\":\"true\"}")}");
    }

    /// <summary>The service whose error traces the lab's Jaeger holds for <paramref name="journal"/>'s run: its target
    /// service, when the experiment's workload sends its traces to the lab (not Online Boutique's, whose <c>frontend</c>
    /// would find the demo's), else null.</summary>
    public static string? TracedService(Journal.RunJournal journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var ns = journal.ExperimentAsRun?["namespace"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var n) ? n : null;
        return Experiments.Workloads.WorkloadCatalog.For(ns).SpanMetricsInLab ? journal.Service : null;
    }

    private static string Trim(Uri uri) => uri.ToString().TrimEnd('/');
}
