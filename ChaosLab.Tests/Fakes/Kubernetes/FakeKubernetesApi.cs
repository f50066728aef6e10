using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>A protocol-level fake Kubernetes API server on 127.0.0.1 (port 0): discovery, core/apps
/// objects and Chaos Mesh custom resources; create/get/list/patch/replace/delete; newline-delimited
/// watch streams with resourceVersion; injectable faults. The real KubernetesClient talks to it.</summary>
public sealed class FakeKubernetesApi : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping = new();
    private int requestCount;
    private int watchCount;

    private FakeKubernetesApi(WebApplication app, FakeObjectStore store, TimeProvider time)
    {
        this.app = app;
        this.Store = store;
        this.Time = time;
    }

    /// <summary>The cluster state.</summary>
    public FakeObjectStore Store { get; }

    /// <summary>The fault plan applied to incoming requests.</summary>
    public FakeFaults Faults { get; } = new();

    /// <summary>False: the cluster has no Istio (networking.istio.io is neither discovered nor served).</summary>
    public bool ServesIstio { get; set; } = true;

    /// <summary>The clock used for timestamps.</summary>
    public TimeProvider Time { get; }

    /// <summary>The server's base address, <c>http://127.0.0.1:PORT</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Requests served so far (watch requests included).</summary>
    public int RequestCount => Volatile.Read(ref this.requestCount);

    /// <summary>Every request line seen (method, path and query), in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> RequestLog { get; } = new();

    /// <summary>Watch requests served so far.</summary>
    public int WatchCount => Volatile.Read(ref this.watchCount);

    /// <summary>The name of the kube context that points at this server.</summary>
    public const string ContextName = "chaoslab-fake";

    /// <summary>Starts a server with empty state.</summary>
    public static async Task<FakeKubernetesApi> StartAsync(TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        // No configuration reload: a file watcher per fake server would spend the user's inotify instances.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var api = new FakeKubernetesApi(app, new FakeObjectStore(time), time);
        app.Map("/{**path}", api.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        api.BaseAddress = new Uri(address);
        return api;
    }

    /// <summary>Writes a kubeconfig with two contexts: <see cref="ContextName"/> (this server) and a
    /// current context that points nowhere, so only an explicit context reaches the fake.</summary>
    public string WriteKubeconfig(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {this.BaseAddress.ToString().TrimEnd('/')}
            - name: nowhere
              cluster:
                server: http://127.0.0.1:1
            contexts:
            - name: {ContextName}
              context:
                cluster: fake
                user: fake
            - name: nowhere
              context:
                cluster: nowhere
                user: fake
            current-context: nowhere
            users:
            - name: fake
              user:
                token: fake-token
            """);
        return path;
    }

    /// <summary>A real client pointed at this server.</summary>
    public k8s.Kubernetes CreateClient() => new(new KubernetesClientConfiguration { Host = this.BaseAddress.ToString() });

    /// <summary>Stops the server and ends open watches.</summary>
    public async ValueTask DisposeAsync()
    {
        await this.stopping.CancelAsync();
        await this.app.StopAsync(CancellationToken.None);
        await this.app.DisposeAsync();
        this.stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref this.requestCount);
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        this.RequestLog.Enqueue($"{request.Method} {path}{request.QueryString}");
        var watch = request.Query["watch"] is { Count: > 0 } w && (string.Equals(w[0], "true", StringComparison.OrdinalIgnoreCase) || w[0] == "1");
        var fault = this.Faults.Match(request.Method, path, watch, this.Time.GetUtcNow());
        try
        {
            if (fault is not null && fault.Delay > TimeSpan.Zero)
            {
                await Task.Delay(fault.Delay, context.RequestAborted);
            }

            fault?.OnHit?.Invoke();
            if (fault is { LoseAnswer: true } && !watch)
            {
                // The change is made, the answer never arrives.
                context.Response.Body = Stream.Null;
                try
                {
                    await this.RouteAsync(context, path, watch, fault);
                }
                finally
                {
                    context.Abort();
                }

                return;
            }

            if (fault?.StatusCode == 410 && watch)
            {
                // An expired resourceVersion on a watch: the API server answers 200 with an ERROR event.
                context.Response.StatusCode = 200;
                await WriteLineAsync(context, KubeJson.WatchEvent("ERROR", KubeJson.Status(410, "Expired", "too old resource version (injected)")));
                return;
            }

            if (fault?.StatusCode is { } code)
            {
                throw new FakeApiException(code, code == 409 ? "Conflict" : "InternalError", $"injected fault {code}");
            }

            await this.RouteAsync(context, path, watch, fault);
        }
        catch (FakeApiException e)
        {
            await WriteJsonAsync(context, e.Code, KubeJson.Status(e.Code, e.Reason, e.Message));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || this.stopping.IsCancellationRequested)
        {
            // The client went away or the server is stopping: nothing to answer.
        }
        catch (Exception e) when (this.Record(e))
        {
            // Never reached: Record returns false so the exception keeps its course, but the log shows it.
        }
    }

    private bool Record(Exception e)
    {
        this.RequestLog.Enqueue("  failed: " + e.GetType().Name + ": " + e.Message);
        return false;
    }

    private async Task RouteAsync(HttpContext context, string path, bool watch, FakeFaultRule? fault)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (segments)
        {
            case ["version"]:
                await WriteJsonAsync(context, 200, new JsonObject { ["major"] = "1", ["minor"] = "33", ["gitVersion"] = "v1.33.0-chaoslab-fake", ["platform"] = "linux/amd64" });
                return;
            case ["api"]:
                await WriteJsonAsync(context, 200, new JsonObject { ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1") });
                return;
            case ["apis"]:
                await WriteJsonAsync(context, 200, FakeDiscovery.GroupList(this.ServesIstio));
                return;
            case ["api", var version]:
                await WriteJsonAsync(context, 200, FakeDiscovery.ResourceList("", version));
                return;
            case ["apis", var group, var version]:
                await WriteJsonAsync(context, 200, FakeDiscovery.ResourceList(group, version, this.ServesIstio));
                return;
            case ["api", "v1", .. var rest]:
                await this.ServeResourceAsync(context, "", rest, watch, fault);
                return;
            case ["apis", var group, _, .. var rest]:
                await this.ServeResourceAsync(context, group, rest, watch, fault);
                return;
            default:
                throw new FakeApiException(404, "NotFound", $"the server could not find the requested resource ({path})");
        }
    }

    private async Task ServeResourceAsync(HttpContext context, string group, string[] rest, bool watch, FakeFaultRule? fault)
    {
        string? ns = null;
        string plural;
        string? name = null;
        string? subresource;
        if (rest is ["namespaces", var n, var p, ..])
        {
            ns = n;
            plural = p;
            name = rest.Length > 3 ? rest[3] : null;
            subresource = rest.Length > 4 ? rest[4] : null;
        }
        else
        {
            plural = rest[0];
            name = rest.Length > 1 ? rest[1] : null;
            subresource = rest.Length > 2 ? rest[2] : null;
        }

        var type = (group != FakeResourceCatalog.IstioGroup || this.ServesIstio ? FakeResourceCatalog.Find(group, plural) : null)
            ?? throw new FakeApiException(404, "NotFound", $"the server could not find the requested resource ({group}/{plural})");
        if (!type.Namespaced && ns is not null)
        {
            throw new FakeApiException(404, "NotFound", $"{plural} is not namespaced");
        }

        if (ns is not null && !this.Store.Exists(Namespaces, null, ns))
        {
            throw new FakeApiException(404, "NotFound", $"namespaces \"{ns}\" not found");
        }

        var query = context.Request.Query;
        FakeObjectStore.CheckFieldSelector(query["fieldSelector"]);
        if (subresource is not null)
        {
            await this.ServeStatusAsync(context, type, ns, name!, subresource);
            return;
        }

        switch (context.Request.Method, name)
        {
            case ("GET", null) when watch:
                Interlocked.Increment(ref this.watchCount);
                await FakeWatchServer.ServeAsync(context, this.Store, type, ns, query, fault, this.stopping.Token);
                return;
            case ("GET", null):
                var (items, version) = this.Store.List(type, ns, query["labelSelector"], query["fieldSelector"]);
                await WriteJsonAsync(context, 200, KubeJson.List(type, items, version));
                return;
            case ("GET", _):
                await WriteJsonAsync(context, 200, this.Store.Get(type, ns, name));
                return;
            case ("POST", null):
                var created = this.Store.Create(type, ns, await ReadBodyAsync<JsonObject>(context));
                await WriteJsonAsync(context, 201, created);
                return;
            case ("PUT", not null):
                var replacement = await ReadBodyAsync<JsonObject>(context);
                var replaced = this.Store.Update(type, ns, name, current =>
                {
                    var keep = current["metadata"]!.DeepClone().AsObject();
                    foreach (var (key, value) in replacement)
                    {
                        // With a status subresource, a write to the object leaves its status alone.
                        if (!(type.HasStatusSubresource && key == "status"))
                        {
                            current[key] = value?.DeepClone();
                        }
                    }

                    current["metadata"]!["uid"] = keep["uid"]?.DeepClone();
                    current["metadata"]!["creationTimestamp"] = keep["creationTimestamp"]?.DeepClone();
                });
                await WriteJsonAsync(context, 200, replaced);
                return;
            case ("PATCH", not null):
                var contentType = context.Request.ContentType ?? "";
                var body = await ReadBodyAsync<JsonNode>(context);
                var patched = this.Store.Update(type, ns, name, current =>
                {
                    if (contentType.StartsWith("application/json-patch+json", StringComparison.Ordinal))
                    {
                        JsonPatcher.JsonPatch(current, body.AsArray());
                    }
                    else
                    {
                        JsonPatcher.MergePatch(current, body);
                    }
                });
                await WriteJsonAsync(context, 200, patched);
                return;
            case ("DELETE", not null):
                await WriteJsonAsync(context, 200, this.Store.Delete(type, ns, name));
                return;
            default:
                throw new FakeApiException(405, "MethodNotAllowed", $"{context.Request.Method} not supported on {context.Request.Path}");
        }
    }

    private static readonly FakeResourceType Namespaces = FakeResourceCatalog.FindKind("Namespace")!;

    // PUT/PATCH on <name>/status: only the status changes (the status subresource).
    private async Task ServeStatusAsync(HttpContext context, FakeResourceType type, string? ns, string name, string subresource)
    {
        if (subresource != "status" || !type.HasStatusSubresource)
        {
            throw new FakeApiException(404, "NotFound", $"the server could not find the requested resource ({type.Plural}/{subresource})");
        }

        if (context.Request.Method == "GET")
        {
            await WriteJsonAsync(context, 200, this.Store.Get(type, ns, name));
            return;
        }

        var body = await ReadBodyAsync<JsonObject>(context);
        var merge = context.Request.Method == "PATCH";
        var updated = this.Store.Update(type, ns, name, current =>
        {
            if (body["metadata"]?["resourceVersion"] is { } version)
            {
                current["metadata"]!["resourceVersion"] = version.DeepClone();
            }

            if (merge)
            {
                JsonPatcher.MergePatch(current, new JsonObject { ["status"] = body["status"]?.DeepClone() });
            }
            else
            {
                current["status"] = body["status"]?.DeepClone();
            }
        });
        await WriteJsonAsync(context, 200, updated);
    }

    internal static async Task<T> ReadBodyAsync<T>(HttpContext context)
        where T : JsonNode
    {
        var node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        return node as T ?? throw new FakeApiException(400, "BadRequest", $"request body is not a JSON {typeof(T).Name}");
    }

    internal static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8, context.RequestAborted);
    }

    internal static async Task WriteLineAsync(HttpContext context, JsonNode line)
    {
        await context.Response.WriteAsync(line.ToJsonString(JsonSerializerOptions.Default) + "\n", Encoding.UTF8, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
