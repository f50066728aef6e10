using System.Text.Json.Nodes;

namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>Small builders for the JSON documents the fake API server stores and answers with.</summary>
public static class KubeJson
{
    /// <summary>A <c>metadata</c> object.</summary>
    public static JsonObject Metadata(string name, string? ns = null, IReadOnlyDictionary<string, string>? labels = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        if (labels is not null)
        {
            metadata["labels"] = Labels(labels);
        }

        return metadata;
    }

    /// <summary>A labels object.</summary>
    public static JsonObject Labels(IReadOnlyDictionary<string, string> labels) =>
        new(labels.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));

    /// <summary>A Namespace.</summary>
    public static JsonObject Namespace(string name) => new() { ["metadata"] = Metadata(name), ["status"] = new JsonObject { ["phase"] = "Active" } };

    /// <summary>A running pod with a Ready condition, owned by a Deployment through its labels.</summary>
    public static JsonObject Pod(string name, string ns, IReadOnlyDictionary<string, string> labels, bool ready, string timestamp) => new()
    {
        ["metadata"] = Metadata(name, ns, labels),
        ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = labels.GetValueOrDefault("opentelemetry.io/name", "main"), ["image"] = "demo" }) },
        ["status"] = PodStatus(ready, timestamp),
    };

    /// <summary>A pod status: Running (Ready or not) with its conditions.</summary>
    public static JsonObject PodStatus(bool ready, string timestamp) => new()
    {
        ["phase"] = ready ? "Running" : "Pending",
        ["conditions"] = new JsonArray(new JsonObject
        {
            ["type"] = "Ready",
            ["status"] = ready ? "True" : "False",
            ["lastTransitionTime"] = timestamp,
        }),
    };

    /// <summary>A Deployment whose pods carry <paramref name="templateLabels"/>.</summary>
    public static JsonObject Deployment(string name, string ns, int replicas, IReadOnlyDictionary<string, string> matchLabels, IReadOnlyDictionary<string, string> templateLabels) => new()
    {
        ["metadata"] = Metadata(name, ns, templateLabels),
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = Labels(matchLabels) },
            ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = Labels(templateLabels) } },
        },
        ["status"] = new JsonObject { ["replicas"] = replicas, ["readyReplicas"] = replicas, ["availableReplicas"] = replicas },
    };

    /// <summary>A Service selecting pods by <paramref name="selector"/>, with its ports (name, port, targetPort).</summary>
    public static JsonObject Service(string name, string ns, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> selector, IEnumerable<(string Name, int Port, int TargetPort)> ports) => new()
    {
        ["metadata"] = Metadata(name, ns, labels),
        ["spec"] = new JsonObject
        {
            ["type"] = "ClusterIP",
            ["selector"] = Labels(selector),
            ["ports"] = new JsonArray([.. ports.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["protocol"] = "TCP", ["port"] = p.Port, ["targetPort"] = p.TargetPort })]),
        },
    };

    /// <summary>A ConfigMap.</summary>
    public static JsonObject ConfigMap(string name, string ns, IReadOnlyDictionary<string, string> data) => new()
    {
        ["metadata"] = Metadata(name, ns),
        ["data"] = Labels(data),
    };

    /// <summary>A core/v1 Event about an object.</summary>
    public static JsonObject Event(string ns, string involvedKind, string involvedName, string reason, string message, string type, string timestamp) => new()
    {
        ["metadata"] = new JsonObject { ["generateName"] = involvedName + ".", ["namespace"] = ns },
        ["involvedObject"] = new JsonObject { ["kind"] = involvedKind, ["name"] = involvedName, ["namespace"] = ns },
        ["reason"] = reason,
        ["message"] = message,
        ["type"] = type,
        ["firstTimestamp"] = timestamp,
        ["lastTimestamp"] = timestamp,
        ["count"] = 1,
    };

    /// <summary>A condition entry.</summary>
    public static JsonObject Condition(string type, bool status) => new() { ["type"] = type, ["status"] = status ? "True" : "False" };

    /// <summary>A <c>Status</c> failure answer.</summary>
    public static JsonObject Status(int code, string reason, string message) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    };

    /// <summary>A list document.</summary>
    public static JsonObject List(FakeResourceType type, IEnumerable<JsonObject> items, string resourceVersion) => new()
    {
        ["kind"] = type.Kind + "List",
        ["apiVersion"] = type.ApiVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
        ["items"] = new JsonArray([.. items]),
    };

    /// <summary>A watch event line.</summary>
    public static JsonObject WatchEvent(string type, JsonNode obj) => new() { ["type"] = type, ["object"] = obj.DeepClone() };
}
