namespace ChaosLab.Experimenter.Experiments.Demo;

/// <summary>
/// The Astronomy Shop's components as ChaosLab needs to know them (domain.md): which hops are
/// HTTP/1 (HTTPChaos works) and which are gRPC (it does not), and which flags fault each service.
/// Every Deployment in the default install runs one replica.
/// </summary>
public static class DemoServices
{
    /// <summary>The pod label ChaosLab's experiments select on.</summary>
    public const string NameLabel = "opentelemetry.io/name";

    /// <summary>Other labels with the component name that selectors may use.</summary>
    public static IReadOnlyList<string> ComponentLabels { get; } = [NameLabel, "app.kubernetes.io/component", "app.kubernetes.io/name"];

    /// <summary>Replicas of each Deployment in the default install.</summary>
    public const int DefaultReplicas = 1;

    /// <summary>Every component.</summary>
    public static IReadOnlyList<DemoService> All { get; } =
    [
        new("accounting", ServiceProtocol.NotHttp, 0, ["kafkaQueueProblems"]),
        new("ad", ServiceProtocol.Grpc, 8080, ["adFailure", "adHighCpu", "adManualGc"]),
        new("agent", ServiceProtocol.Unknown, 8080, []),
        new("astronomy-db", ServiceProtocol.NotHttp, 0, []),
        new("cart", ServiceProtocol.Grpc, 8080, ["cartFailure", "failedReadinessProbe"]),
        new("chatbot", ServiceProtocol.Unknown, 8080, []),
        new("checkout", ServiceProtocol.Grpc, 8080, ["paymentFailure", "paymentUnreachable", "kafkaQueueProblems"]),
        new("currency", ServiceProtocol.Grpc, 8080, []),
        new("email", ServiceProtocol.Http1, 8080, ["emailMemoryLeak"]),
        new("flagd", ServiceProtocol.Grpc, 8013, []),
        new("fraud-detection", ServiceProtocol.NotHttp, 0, ["kafkaQueueProblems"]),
        new("frontend", ServiceProtocol.Http1, 8080, []),
        new("frontend-proxy", ServiceProtocol.Http1, 8080, []),
        new("image-provider", ServiceProtocol.Http1, 8081, ["imageSlowLoad"]),
        new("kafka", ServiceProtocol.NotHttp, 9092, ["kafkaQueueProblems"]),
        new("load-generator", ServiceProtocol.NotHttp, 0, []),
        new("mcp", ServiceProtocol.Unknown, 8080, []),
        new("opamp-server", ServiceProtocol.Unknown, 0, []),
        new("payment", ServiceProtocol.Grpc, 8080, ["paymentFailure", "paymentUnreachable"]),
        new("product-catalog", ServiceProtocol.Grpc, 8080, ["productCatalogFailure"]),
        new("quote", ServiceProtocol.Http1, 8080, []),
        new("recommendation", ServiceProtocol.Grpc, 8080, ["recommendationCacheFailure"]),
        new("shipping", ServiceProtocol.Http1, 8080, ["intlShippingSlowdown"]),
        new("telemetry-docs", ServiceProtocol.Unknown, 8080, []),
        new("valkey-cart", ServiceProtocol.NotHttp, 6379, []),
    ];

    /// <summary>The component named <paramref name="name"/>, or null.</summary>
    public static DemoService? Find(string? name) =>
        name is null ? null : All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
}
