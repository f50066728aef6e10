using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>One watch request of the fake API server: the backlog after the client's resourceVersion (or the
/// current objects as ADDED), a BOOKMARK when asked, then live changes until <c>timeoutSeconds</c>; DELETED
/// when an object stops matching the selector, ADDED when it starts; fault rules may end it with a 410 or a cut.</summary>
public static class FakeWatchServer
{
    public static async Task ServeAsync(HttpContext context, FakeObjectStore store, FakeResourceType type, string? ns, IQueryCollection query, FakeFaultRule? fault, CancellationToken stopping)
    {
        string? resourceVersion = query["resourceVersion"];
        string? labelSelector = query["labelSelector"];
        string? fieldSelector = query["fieldSelector"];
        string? timeoutSeconds = query["timeoutSeconds"];
        var bookmarks = string.Equals(query["allowWatchBookmarks"], "true", StringComparison.OrdinalIgnoreCase);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        List<FakeStoreEvent> backlog;
        System.Threading.Channels.ChannelReader<FakeStoreEvent> live;
        Action unsubscribe;
        try
        {
            (backlog, live, unsubscribe) = store.Subscribe(type, resourceVersion);
        }
        catch (FakeApiException e) when (e.Code == 410)
        {
            // As the API server does: an ERROR event carrying a 410 Status, then the stream ends.
            await FakeKubernetesApi.WriteLineAsync(context, KubeJson.WatchEvent("ERROR", KubeJson.Status(410, e.Reason, e.Message)));
            return;
        }

        var timeout = int.TryParse(timeoutSeconds, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromMinutes(5);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        linked.CancelAfter(timeout);
        var sent = 0;
        try
        {
            await context.Response.Body.FlushAsync(linked.Token);
            foreach (var change in backlog)
            {
                if (!await SendAsync(context, change, type, ns, labelSelector, fieldSelector, fault, () => ++sent))
                {
                    return;
                }
            }

            if (bookmarks)
            {
                // As the API server does when asked: a BOOKMARK carrying the resourceVersion reached so far.
                // Never ahead of an event not sent yet: the newest sent, else where the client started.
                var at = backlog.Count > 0 ? backlog.Max(e => e.ResourceVersion).ToString(CultureInfo.InvariantCulture) : resourceVersion;
                if (!string.IsNullOrEmpty(at) && at != "0")
                {
                    await FakeKubernetesApi.WriteLineAsync(context, KubeJson.WatchEvent("BOOKMARK", new JsonObject
                    {
                        ["kind"] = type.Kind,
                        ["apiVersion"] = type.ApiVersion,
                        ["metadata"] = new JsonObject { ["resourceVersion"] = at },
                    }));
                }
            }

            await foreach (var change in live.ReadAllAsync(linked.Token))
            {
                if (!await SendAsync(context, change, type, ns, labelSelector, fieldSelector, fault, () => ++sent))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // timeoutSeconds elapsed, the client left or the server stops: end the stream normally.
        }
        finally
        {
            unsubscribe();
        }
    }

    // Sends one change if it concerns this watch; false when the stream must end (a fault rule).
    private static async Task<bool> SendAsync(HttpContext context, FakeStoreEvent change, FakeResourceType type, string? ns, string? labelSelector, string? fieldSelector, FakeFaultRule? fault, Func<int> count)
    {
        if (change.Resource != type || (ns is not null && change.Namespace != ns))
        {
            return true;
        }

        var matches = Matches(change.Body, labelSelector, fieldSelector);
        var matched = change.Previous is { } previous && Matches(previous, labelSelector, fieldSelector);
        var eventType = change.Type switch
        {
            "MODIFIED" when !matches && matched => "DELETED", // it stopped matching the selector
            "MODIFIED" when matches && change.Previous is not null && !matched => "ADDED", // it started matching
            _ => change.Type,
        };
        if (!matches && eventType != "DELETED")
        {
            return true;
        }

        await FakeKubernetesApi.WriteLineAsync(context, KubeJson.WatchEvent(eventType, change.Body));
        var sent = count();
        if (sent >= fault?.ExpireWatchAfterEvents)
        {
            await FakeKubernetesApi.WriteLineAsync(context, KubeJson.WatchEvent("ERROR", KubeJson.Status(410, "Expired", "too old resource version (injected mid-stream)")));
            return false;
        }

        if (sent >= fault?.DropWatchAfterEvents)
        {
            context.Abort();
            return false;
        }

        return true;
    }

    private static bool Matches(JsonObject body, string? labelSelector, string? fieldSelector) =>
        LabelSelector.Matches(labelSelector, body["metadata"]?["labels"] as JsonObject) && FakeObjectStore.FieldMatches(fieldSelector, body);
}
