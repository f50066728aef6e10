using System.Text.Json.Nodes;

namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>Plays Chaos Mesh 2.8.3's controller-manager against the fake store, writing status the way
/// docs/upstream-facts.md describes: conditions Selected/AllInjected/AllRecovered/Paused,
/// <c>experiment.desiredPhase</c> and <c>containerRecords</c>; no records means nothing was selected.
/// One-shot pod-kill deletes the pods (the deployment controller replaces them); continuous faults
/// recover when their duration ends or when the object is deleted (finalizer <c>chaos-mesh/records</c>).</summary>
public sealed class SimulatedChaosMeshController(
    FakeObjectStore store,
    FakeClusterOptions options,
    TimeProvider time,
    Action<string, string> restartContainer) : IAsyncDisposable
{
    /// <summary>The finalizer Chaos Mesh puts on every chaos object.</summary>
    public const string Finalizer = "chaos-mesh/records";

    private static readonly FakeResourceType Pods = FakeResourceCatalog.FindKind("Pod")!;
    private static readonly FakeResourceType Events = FakeResourceCatalog.FindKind("Event")!;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private readonly List<Task> work = [];
    private readonly HashSet<string> seen = [];
    private readonly HashSet<string> recovering = [];
    private readonly HashSet<string> timedOut = [];
    private Task? loop;

    /// <summary>Starts watching the store for chaos objects.</summary>
    public void Start()
    {
        var (_, live, unsubscribe) = store.Subscribe(null, store.ResourceVersion);
        this.loop = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in live.ReadAllAsync(this.stopping.Token))
                {
                    if (change.Resource.IsChaos)
                    {
                        this.OnChaosChanged(change);
                    }
                }
            }
            catch (OperationCanceledException) when (this.stopping.IsCancellationRequested)
            {
                // Stopping.
            }
            finally
            {
                unsubscribe();
            }
        });
    }

    /// <summary>Stops the controller and waits for pending work.</summary>
    public async ValueTask DisposeAsync()
    {
        await this.stopping.CancelAsync();
        Task[] pending;
        lock (this.gate)
        {
            pending = [.. this.work, .. this.loop is null ? Array.Empty<Task>() : [this.loop]];
        }

        await Task.WhenAll(pending.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        this.stopping.Dispose();
    }

    /// <summary>True for the kinds whose injection is a one-off action that never reaches AllRecovered.</summary>
    public static bool IsOneShot(JsonObject chaos) =>
        chaos["kind"]?.GetValue<string>() == "PodChaos"
        && chaos["spec"]?["action"]?.GetValue<string>() is "pod-kill" or "container-kill";

    private void OnChaosChanged(FakeStoreEvent change)
    {
        var uid = change.Body["metadata"]!["uid"]!.GetValue<string>();
        var ns = change.Namespace!;
        var name = change.Name;
        lock (this.gate)
        {
            if (change.Type == "ADDED" && this.seen.Add(uid))
            {
                this.Track(ct => this.InjectAsync(change.Resource, ns, name, ct));
            }
            else if (change.Type == "MODIFIED" && change.Body["metadata"]?["deletionTimestamp"] is not null && this.recovering.Add(uid))
            {
                this.Track(ct => this.RecoverAsync(change.Resource, ns, name, removeFinalizer: true, ct));
            }
        }
    }

    private async Task InjectAsync(FakeResourceType type, string ns, string name, CancellationToken ct)
    {
        await Task.Delay(options.InjectDelay, time, ct);
        if (!store.Exists(type, ns, name))
        {
            return;
        }

        var chaos = store.Get(type, ns, name);
        var targets = this.Select(chaos);
        var kind = type.Kind;
        var now = FakeObjectStore.Timestamp(time);
        if (targets.Count == 0)
        {
            store.Update(type, ns, name, c =>
            {
                AddFinalizer(c);
                c["status"] = Status(selected: false, allInjected: false, allRecovered: false, "Run", []);
            });
            store.Create(Events, ns, KubeJson.Event(ns, kind, name, "Failed", "Failed to apply chaos: no target has been selected", "Warning", now));
            return;
        }

        var oneShot = IsOneShot(chaos);
        var action = chaos["spec"]?["action"]?.GetValue<string>();
        var containers = (chaos["spec"]?["containerNames"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList();
        var records = new JsonArray();
        foreach (var pod in targets)
        {
            var podName = pod["metadata"]!["name"]!.GetValue<string>();
            var id = action == "container-kill" && containers is { Count: > 0 } ? $"{ns}/{podName}/{containers[0]}" : $"{ns}/{podName}";
            records.Add(options.FailInjection
                ? Record(id, "Not Injected", 0, 0, new JsonObject { ["type"] = "Failed", ["operation"] = "Apply", ["message"] = "unable to flush ip sets for pod " + podName, ["timestamp"] = now })
                : Record(id, "Injected", 1, 0, new JsonObject { ["type"] = "Succeeded", ["operation"] = "Apply", ["timestamp"] = now }));
        }

        // As the real controller does: the finalizer, then Selected (records not yet injected), then AllInjected,
        // each in its own update, a little apart.
        store.Update(type, ns, name, AddFinalizer);
        await Task.Delay(options.InjectDelay, time, ct);
        var pending = new JsonArray([.. records.Select(r =>
        {
            var copy = (JsonObject)r!.DeepClone();
            copy["phase"] = "Not Injected";
            copy["injectedCount"] = 0;
            copy["events"] = new JsonArray();
            return (JsonNode)copy;
        })]);
        store.Update(type, ns, name, c => c["status"] = Status(selected: true, allInjected: false, allRecovered: false, "Run", pending));
        await Task.Delay(options.InjectDelay, time, ct);
        store.Update(type, ns, name, c =>
        {
            AddFinalizer(c);
            c["status"] = Status(selected: true, allInjected: !options.FailInjection, allRecovered: options.FailInjection, "Run", records);
        });
        store.Create(Events, ns, options.FailInjection
            ? KubeJson.Event(ns, kind, name, "Failed", "Failed to apply chaos: unable to flush ip sets", "Warning", now)
            : KubeJson.Event(ns, kind, name, "Applied", "Successfully apply chaos for " + string.Join(", ", records.Select(r => r!["id"]!.GetValue<string>())), "Normal", now));
        if (options.FailInjection)
        {
            return;
        }

        if (oneShot)
        {
            foreach (var pod in targets)
            {
                var podName = pod["metadata"]!["name"]!.GetValue<string>();
                if (action == "pod-kill")
                {
                    store.Delete(Pods, ns, podName);
                }
                else
                {
                    restartContainer(ns, podName);
                }
            }

            return;
        }

        if (GoDuration.Parse(chaos["spec"]?["duration"]?.GetValue<string>()) is { } duration)
        {
            await Task.Delay(duration, time, ct);
            lock (this.gate)
            {
                var uid = chaos["metadata"]!["uid"]!.GetValue<string>();
                if (this.recovering.Contains(uid) || !this.timedOut.Add(uid))
                {
                    return;
                }
            }

            await this.RecoverAsync(type, ns, name, removeFinalizer: false, ct);
        }
    }

    private async Task RecoverAsync(FakeResourceType type, string ns, string name, bool removeFinalizer, CancellationToken ct)
    {
        await Task.Delay(options.RecoverDelay, time, ct);
        if (!store.Exists(type, ns, name))
        {
            return;
        }

        var now = FakeObjectStore.Timestamp(time);
        var chaos = store.Get(type, ns, name);
        var oneShot = IsOneShot(chaos);
        var records = chaos["status"]?["experiment"]?["containerRecords"] as JsonArray ?? [];
        var recovered = new JsonArray();
        foreach (var record in records.OfType<JsonObject>())
        {
            var copy = (JsonObject)record.DeepClone();
            if (!oneShot && copy["phase"]?.GetValue<string>() == "Injected")
            {
                copy["phase"] = "Not Injected";
                copy["recoveredCount"] = 1;
                copy["events"]!.AsArray().Add(new JsonObject { ["type"] = "Succeeded", ["operation"] = "Recover", ["timestamp"] = now });
            }

            recovered.Add(copy);
        }

        store.Update(type, ns, name, c =>
        {
            var selected = recovered.Count > 0;
            c["status"] = oneShot
                ? c["status"]
                : Status(selected, allInjected: false, allRecovered: selected, "Stop", recovered);
            if (removeFinalizer)
            {
                c["metadata"]!["finalizers"] = new JsonArray();
            }
        });
        if (!oneShot && recovered.Count > 0)
        {
            store.Create(Events, ns, KubeJson.Event(ns, type.Kind, name, removeFinalizer ? "Recovered" : "TimeUp", "Successfully recover chaos", "Normal", now));
        }
    }

    private List<JsonObject> Select(JsonObject chaos)
    {
        var selector = chaos["spec"]?["selector"] as JsonObject;
        var namespaces = (selector?["namespaces"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList()
            ?? [chaos["metadata"]!["namespace"]!.GetValue<string>()];
        var labels = selector?["labelSelectors"] as JsonObject;
        var candidates = namespaces
            .SelectMany(ns => store.List(Pods, ns).Items)
            .Where(p => p["metadata"]?["deletionTimestamp"] is null && LabelSelector.MatchesAll(labels, p["metadata"]?["labels"] as JsonObject))
            .ToList();
        var mode = chaos["spec"]?["mode"]?.GetValue<string>() ?? "all";
        var value = double.TryParse(chaos["spec"]?["value"]?.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;
        var count = mode switch
        {
            "one" => 1,
            "fixed" => (int)value,
            // Chaos Mesh rounds a percentage of the candidates down (random-max-percent: its largest draw).
            "fixed-percent" or "random-max-percent" => candidates.Count * (int)value / 100,
            _ => candidates.Count,
        };
        return [.. candidates.Take(Math.Min(count, candidates.Count))];
    }

    private static void AddFinalizer(JsonObject chaos)
    {
        if (chaos["metadata"]!["deletionTimestamp"] is null)
        {
            chaos["metadata"]!["finalizers"] = new JsonArray(Finalizer);
        }
    }

    private static JsonObject Record(string id, string phase, int injected, int recovered, JsonObject firstEvent) => new()
    {
        ["id"] = id,
        ["selectorKey"] = ".",
        ["phase"] = phase,
        ["injectedCount"] = injected,
        ["recoveredCount"] = recovered,
        ["events"] = new JsonArray(firstEvent),
    };

    private static JsonObject Status(bool selected, bool allInjected, bool allRecovered, string desiredPhase, JsonArray records) => new()
    {
        ["conditions"] = new JsonArray(
            KubeJson.Condition("Selected", selected),
            KubeJson.Condition("AllInjected", allInjected),
            KubeJson.Condition("AllRecovered", allRecovered),
            KubeJson.Condition("Paused", false)),
        ["experiment"] = new JsonObject
        {
            ["desiredPhase"] = desiredPhase,
            ["containerRecords"] = records.Count == 0 ? null : records,
        },
    };

    private void Track(Func<CancellationToken, Task> action)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await action(this.stopping.Token);
            }
            catch (OperationCanceledException) when (this.stopping.IsCancellationRequested)
            {
                // Stopping.
            }
            catch (FakeApiException e) when (e.Code == 404)
            {
                // The object went away while the controller worked on it.
            }
        });
        this.work.Add(task);
    }
}
