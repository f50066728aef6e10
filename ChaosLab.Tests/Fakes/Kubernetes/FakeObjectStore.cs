using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>The fake cluster's state: objects by type/namespace/name, one resourceVersion counter,
/// a bounded event history for watch resumption, and live subscribers.</summary>
public sealed class FakeObjectStore(TimeProvider time)
{
    private const int HistoryLimit = 20_000;
    private readonly Lock gate = new();
    private readonly Dictionary<(FakeResourceType Type, string Namespace, string Name), JsonObject> objects = [];
    private readonly LinkedList<FakeStoreEvent> history = new();
    private readonly List<Channel<FakeStoreEvent>> subscribers = [];
    private long resourceVersion = 100;
    private long uid;

    /// <summary>The current resourceVersion of the whole store.</summary>
    public string ResourceVersion
    {
        get
        {
            lock (this.gate)
            {
                return this.resourceVersion.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>Creates an object; 409 AlreadyExists if the name is taken.</summary>
    public JsonObject Create(FakeResourceType type, string? ns, JsonObject obj)
    {
        lock (this.gate)
        {
            var metadata = obj["metadata"] as JsonObject ?? [];
            obj["metadata"] = metadata;
            if (metadata["name"] is null && metadata["generateName"]?.GetValue<string>() is { } prefix)
            {
                metadata["name"] = prefix + (++this.uid).ToString("x5", CultureInfo.InvariantCulture);
            }

            var name = metadata["name"]?.GetValue<string>() ?? throw new FakeApiException(422, "Invalid", "metadata.name: Required value");
            var key = (type, ns ?? "", name);
            if (this.objects.ContainsKey(key))
            {
                throw new FakeApiException(409, "AlreadyExists", $"{type.Plural}.{type.Group} \"{name}\" already exists");
            }

            if (ns is not null)
            {
                metadata["namespace"] = ns;
            }

            metadata["uid"] = $"00000000-0000-0000-0000-{++this.uid:D12}";
            metadata["creationTimestamp"] = Timestamp(time);
            obj["apiVersion"] = type.ApiVersion;
            obj["kind"] = type.Kind;
            this.objects[key] = obj;
            return this.Publish("ADDED", type, obj);
        }
    }

    /// <summary>Gets a copy of an object; 404 if absent.</summary>
    public JsonObject Get(FakeResourceType type, string? ns, string name)
    {
        lock (this.gate)
        {
            return (JsonObject)this.Find(type, ns, name).DeepClone();
        }
    }

    /// <summary>True when the object exists.</summary>
    public bool Exists(FakeResourceType type, string? ns, string name)
    {
        lock (this.gate)
        {
            return this.objects.ContainsKey((type, ns ?? "", name));
        }
    }

    /// <summary>Lists copies of the objects of a type, optionally in one namespace, filtered by selectors.</summary>
    public (List<JsonObject> Items, string ResourceVersion) List(FakeResourceType type, string? ns, string? labelSelector = null, string? fieldSelector = null)
    {
        lock (this.gate)
        {
            var items = this.objects
                .Where(kv => kv.Key.Type == type && (ns is null || kv.Key.Namespace == ns))
                .Select(kv => kv.Value)
                .Where(o => LabelSelector.Matches(labelSelector, o["metadata"]?["labels"] as JsonObject) && FieldMatches(fieldSelector, o))
                .OrderBy(o => o["metadata"]!["name"]!.GetValue<string>(), StringComparer.Ordinal)
                .Select(o => (JsonObject)o.DeepClone())
                .ToList();
            return (items, this.resourceVersion.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Changes an object in place (under the store lock) and publishes MODIFIED.</summary>
    public JsonObject Update(FakeResourceType type, string? ns, string name, Action<JsonObject> change)
    {
        lock (this.gate)
        {
            var obj = this.Find(type, ns, name);
            var candidate = (JsonObject)obj.DeepClone();
            change(candidate);

            // Optimistic concurrency, as the API server does it: a write that names a resourceVersion must name the current one.
            var expected = candidate["metadata"]?["resourceVersion"]?.GetValue<string>();
            var current = obj["metadata"]?["resourceVersion"]?.GetValue<string>();
            if (expected is not null && expected != current)
            {
                throw new FakeApiException(409, "Conflict", $"Operation cannot be fulfilled on {type.Plural} \"{name}\": the object has been modified; please apply your changes to the latest version and try again");
            }

            // Once deleting, always deleting: a write cannot take deletionTimestamp back.
            if (obj["metadata"]?["deletionTimestamp"] is { } deleting)
            {
                candidate["metadata"]!["deletionTimestamp"] = deleting.DeepClone();
            }

            candidate["metadata"]!["name"] = name;
            if (ns is not null)
            {
                candidate["metadata"]!["namespace"] = ns;
            }

            this.objects[(type, ns ?? "", name)] = candidate;

            // An object being deleted goes away once its last finalizer is removed.
            if (candidate["metadata"]?["deletionTimestamp"] is not null && IsEmpty(candidate["metadata"]?["finalizers"] as JsonArray))
            {
                this.objects.Remove((type, ns ?? "", name));
                return this.Publish("DELETED", type, candidate);
            }

            return this.Publish("MODIFIED", type, candidate, obj);
        }
    }

    /// <summary>Deletes an object: at once without finalizers, else marks it with a deletionTimestamp.</summary>
    public JsonObject Delete(FakeResourceType type, string? ns, string name)
    {
        lock (this.gate)
        {
            var obj = this.Find(type, ns, name);
            if (IsEmpty(obj["metadata"]?["finalizers"] as JsonArray))
            {
                this.objects.Remove((type, ns ?? "", name));
                return this.Publish("DELETED", type, obj);
            }

            if (obj["metadata"]!["deletionTimestamp"] is not null)
            {
                return (JsonObject)obj.DeepClone();
            }

            obj["metadata"]!["deletionTimestamp"] = Timestamp(time);
            return this.Publish("MODIFIED", type, obj);
        }
    }

    /// <summary>Subscribes to changes after <paramref name="fromResourceVersion"/> (null: from now, with
    /// the current objects replayed as ADDED, as the API server does). 410 Gone if history is too short.</summary>
    public (List<FakeStoreEvent> Backlog, ChannelReader<FakeStoreEvent> Live, Action Unsubscribe) Subscribe(FakeResourceType? type, string? fromResourceVersion)
    {
        lock (this.gate)
        {
            var channel = Channel.CreateUnbounded<FakeStoreEvent>();
            this.subscribers.Add(channel);
            List<FakeStoreEvent> backlog;
            if (string.IsNullOrEmpty(fromResourceVersion) || fromResourceVersion == "0")
            {
                backlog = [.. this.objects.Where(kv => type is null || kv.Key.Type == type)
                    .Select(kv => new FakeStoreEvent(ParseVersion(kv.Value), "ADDED", kv.Key.Type, (JsonObject)kv.Value.DeepClone()))];
            }
            else
            {
                var from = long.Parse(fromResourceVersion, CultureInfo.InvariantCulture);
                if (this.history.First is { } first && first.Value.ResourceVersion > from + 1 && this.history.Count >= HistoryLimit)
                {
                    this.subscribers.Remove(channel);
                    throw new FakeApiException(410, "Expired", $"too old resource version: {from} ({first.Value.ResourceVersion})");
                }

                backlog = [.. this.history.Where(e => e.ResourceVersion > from && (type is null || e.Resource == type))];
            }

            return (backlog, channel.Reader, () =>
            {
                lock (this.gate)
                {
                    this.subscribers.Remove(channel);
                }

                channel.Writer.TryComplete();
            });
        }
    }

    /// <summary>Formats a timestamp the way the API server does (RFC 3339, seconds).</summary>
    public static string Timestamp(TimeProvider time) =>
        time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static bool IsEmpty(JsonArray? array) => array is null || array.Count == 0;

    private static long ParseVersion(JsonObject obj) =>
        long.Parse(obj["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    /// <summary>The fields the fake (like the API server for most kinds) can select on.</summary>
    public static readonly IReadOnlySet<string> SupportedFields = new HashSet<string>(StringComparer.Ordinal) { "metadata.name", "metadata.namespace", "involvedObject.name", "status.phase", "spec.nodeName" };

    /// <summary>400 BadRequest when the selector names a field that cannot be selected on.</summary>
    public static void CheckFieldSelector(string? fieldSelector)
    {
        foreach (var requirement in (fieldSelector ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var field = requirement.Split('=', 2)[0].TrimEnd('!').Trim();
            if (!SupportedFields.Contains(field))
            {
                throw new FakeApiException(400, "BadRequest", $"field label not supported: {field}");
            }
        }
    }

    /// <summary>Field-selector matching for <c>a.b=value</c> requirements (e.g. <c>metadata.name=x</c>).</summary>
    public static bool FieldMatches(string? fieldSelector, JsonObject obj)
    {
        if (string.IsNullOrWhiteSpace(fieldSelector))
        {
            return true;
        }

        foreach (var requirement in fieldSelector.Split(','))
        {
            var parts = requirement.Split('=', 2);
            JsonNode? node = obj;
            foreach (var segment in parts[0].Trim().Split('.'))
            {
                node = node?[segment];
            }

            if (node?.ToString() != parts[1].Trim())
            {
                return false;
            }
        }

        return true;
    }

    private JsonObject Find(FakeResourceType type, string? ns, string name) =>
        this.objects.TryGetValue((type, ns ?? "", name), out var obj)
            ? obj
            : throw new FakeApiException(404, "NotFound", $"{type.Plural}.{type.Group} \"{name}\" not found");

    private JsonObject Publish(string eventType, FakeResourceType type, JsonObject obj, JsonObject? previous = null)
    {
        var version = ++this.resourceVersion;
        obj["metadata"]!["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
        var snapshot = new FakeStoreEvent(version, eventType, type, (JsonObject)obj.DeepClone(), (JsonObject?)previous?.DeepClone());
        this.history.AddLast(snapshot);
        if (this.history.Count > HistoryLimit)
        {
            this.history.RemoveFirst();
        }

        foreach (var subscriber in this.subscribers)
        {
            subscriber.Writer.TryWrite(snapshot);
        }

        return (JsonObject)obj.DeepClone();
    }
}
