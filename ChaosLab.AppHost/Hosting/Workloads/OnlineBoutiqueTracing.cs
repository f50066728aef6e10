namespace ChaosLab.AppHost.Hosting.Workloads;

/// <summary>
/// Which Online Boutique services can send traces, and the environment that turns it on. Upstream's
/// <c>kustomize/components/google-cloud-operations</c> (v0.10.6) sets <c>ENABLE_TRACING=1</c> and
/// <c>COLLECTOR_SERVICE_ADDR</c> on exactly these seven deployments; adservice ("not yet implemented"), cartservice,
/// shippingservice, redis-cart and loadgenerator send none. <c>OTEL_SERVICE_NAME</c> is needed too: without it the Go
/// and Python services report <c>unknown_service</c>. It gets an <c>ob-</c> prefix because the shop's span metrics
/// also have a <c>frontend</c>, and the shop's collector does not tell namespaces apart in <c>service_name</c>.
/// </summary>
public static class OnlineBoutiqueTracing
{
    /// <summary>The prefix of the traced services' <c>service_name</c> (e.g. <c>ob-frontend</c>).</summary>
    public const string ServiceNamePrefix = "ob-";

    /// <summary>The shop collector's OTLP gRPC port (Service <c>otel-collector</c>, port name <c>otlp</c>).</summary>
    public const int CollectorPort = 4317;

    /// <summary>The deployments whose services read <c>ENABLE_TRACING</c> and <c>COLLECTOR_SERVICE_ADDR</c>.</summary>
    public static IReadOnlyList<string> Deployments { get; } =
    [
        "checkoutservice", "currencyservice", "emailservice", "frontend", "paymentservice", "productcatalogservice", "recommendationservice",
    ];

    /// <summary>The variables <c>kubectl set env</c> manages (removed again with <c>NAME-</c> when tracing is turned off).</summary>
    public static IReadOnlyList<string> Variables { get; } = ["ENABLE_TRACING", "COLLECTOR_SERVICE_ADDR", "OTEL_SERVICE_NAME"];

    /// <summary>The shop collector's address from inside the cluster: <c>otel-collector.NS:4317</c>.</summary>
    public static string CollectorAddress(string shopNamespace) =>
        FormattableString.Invariant($"otel-collector.{shopNamespace}:{CollectorPort}");
}
