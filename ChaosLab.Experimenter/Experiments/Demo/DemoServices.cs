using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Experimenter.Experiments.Demo;

/// <summary>
/// The Astronomy Shop's components as ChaosLab needs to know them (chart 0.41.0, see docs/upstream-facts.md): which hops
/// are HTTP/1 (HTTPChaos works) and which are gRPC (it does not), which flags fault each service (suggestions), and which
/// flags each service's own code reads.
/// It is also the one place that says which service a fault targets (<see cref="TargetOf(Fault)"/>): a Chaos Mesh fault
/// targets the service its selector names; a flag fault targets the service whose code reads the flag
/// (<see cref="DemoService.ReadsFlags"/>: each flag under exactly one service). Every Deployment in the default install runs one replica.
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
        new("ad", ServiceProtocol.Grpc, 8080, ["adFailure", "adHighCpu", "adManualGc"]) { ReadsFlags = ["adFailure", "adHighCpu", "adManualGc"] },
        new("agent", ServiceProtocol.Unknown, 8080, []),
        new("astronomy-db", ServiceProtocol.NotHttp, 0, []),
        new("cart", ServiceProtocol.Grpc, 8080, ["cartFailure", "failedReadinessProbe"]) { ReadsFlags = ["cartFailure", "failedReadinessProbe"] },
        new("chatbot", ServiceProtocol.Unknown, 8080, []),
        // checkout dials a bad payment address under paymentUnreachable and floods the orders topic under
        // kafkaQueueProblems (fraud-detection also reads that one, to slow its consumer).
        new("checkout", ServiceProtocol.Grpc, 8080, ["paymentFailure", "paymentUnreachable", "kafkaQueueProblems"]) { ReadsFlags = ["paymentUnreachable", "kafkaQueueProblems"] },
        new("currency", ServiceProtocol.Grpc, 8080, []),
        new("email", ServiceProtocol.Http1, 8080, ["emailMemoryLeak"]) { ReadsFlags = ["emailMemoryLeak"] },
        new("flagd", ServiceProtocol.Grpc, 8013, []),
        new("fraud-detection", ServiceProtocol.NotHttp, 0, ["kafkaQueueProblems"]),
        // The browser code reads imageSlowLoad and asks frontend-proxy (Envoy's fault filter) to delay image requests.
        new("frontend", ServiceProtocol.Http1, 8080, []) { ReadsFlags = ["imageSlowLoad"] },
        new("frontend-proxy", ServiceProtocol.Http1, 8080, []),
        new("image-provider", ServiceProtocol.Http1, 8081, ["imageSlowLoad"]),
        new("kafka", ServiceProtocol.NotHttp, 9092, ["kafkaQueueProblems"]),
        new("load-generator", ServiceProtocol.NotHttp, 0, []) { ReadsFlags = ["loadGeneratorTraffic", "loadGeneratorVUs"] },
        new("mcp", ServiceProtocol.Unknown, 8080, []),
        new("opamp-server", ServiceProtocol.Unknown, 0, []),
        new("payment", ServiceProtocol.Grpc, 8080, ["paymentFailure", "paymentUnreachable"]) { ReadsFlags = ["paymentFailure"] },
        new("product-catalog", ServiceProtocol.Grpc, 8080, ["productCatalogFailure"]) { ReadsFlags = ["productCatalogFailure"] },
        new("quote", ServiceProtocol.Http1, 8080, []),
        new("recommendation", ServiceProtocol.Grpc, 8080, ["recommendationCacheFailure"]) { ReadsFlags = ["recommendationCacheFailure"] },
        new("shipping", ServiceProtocol.Http1, 8080, ["intlShippingSlowdown"]) { ReadsFlags = ["intlShippingSlowdown"] },
        new("telemetry-docs", ServiceProtocol.Unknown, 8080, []),
        new("valkey-cart", ServiceProtocol.NotHttp, 6379, []),
    ];

    /// <summary>The component named <paramref name="name"/>, or null.</summary>
    public static DemoService? Find(string? name) =>
        name is null ? null : All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <summary>The service a fault targets, or null when it names none.</summary>
    public static string? TargetOf(Fault fault) => fault switch
    {
        ChaosMeshFault chaos => ServiceOfSelector(chaos.Spec["selector"]),
        FlagFault flag => ServiceOfFlag(flag.Flag),
        IstioFault istio => istio.Service,
        _ => null,
    };

    /// <summary>The service whose code reads <paramref name="flag"/>, or null for a flag the demo does not have.</summary>
    public static string? ServiceOfFlag(string? flag) =>
        flag is null ? null : All.FirstOrDefault(s => s.ReadsFlags.Contains(flag, StringComparer.Ordinal))?.Name;

    /// <summary>The service a Chaos Mesh selector names through its <c>labelSelectors</c> (the first of
    /// <see cref="ComponentLabels"/> present), or null.</summary>
    public static string? ServiceOfSelector(JsonNode? selector)
    {
        if (selector?["labelSelectors"] is not JsonObject labels)
        {
            return null;
        }

        foreach (var label in ComponentLabels)
        {
            if (labels[label] is JsonValue value && value.TryGetValue<string>(out var name) && !string.IsNullOrWhiteSpace(name))
            {
                return name;
            }
        }

        return null;
    }
}
