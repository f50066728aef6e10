using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace ChaosLab.Tests.Running;

/// <summary>
/// Online Boutique's frontend as the lab's port-forward (<c>http://localhost:18081</c>) shows it, answered from the fake
/// cluster's pods on 127.0.0.1: <c>/_healthz</c> is 200 while a frontend pod is Ready (upstream's handler calls no
/// backend); <c>/</c> is 200 while the frontend and the services its home handler calls — currencyservice,
/// productcatalogservice, cartservice — have a Ready pod, else 500 as upstream's <c>renderHTTPError</c>; no Ready
/// frontend pod is 503. So a probe through it can disagree with the hypothesis when the fake cluster does.
/// </summary>
public sealed class BoutiqueFrontendStub : IAsyncDisposable
{
    /// <summary>The lab's default address of Online Boutique's frontend (<c>Lab:Ports:OnlineBoutique</c>).</summary>
    public static readonly Uri LabAddress = new("http://localhost:18081/");

    private static readonly string[] HomeDependencies = ["currencyservice", "productcatalogservice", "cartservice"];

    private readonly StubHttpServer server;

    private BoutiqueFrontendStub(StubHttpServer server) => this.server = server;

    /// <summary>Where it listens (127.0.0.1, a free port).</summary>
    public Uri BaseAddress => this.server.BaseAddress;

    /// <summary>Requests answered, per path.</summary>
    public Dictionary<string, int> Requests { get; } = [];

    /// <summary>Starts the stub over <paramref name="store"/>'s pods in <paramref name="ns"/>.</summary>
    public static async Task<BoutiqueFrontendStub> StartAsync(FakeObjectStore store, string ns, CancellationToken cancellationToken)
    {
        BoutiqueFrontendStub? stub = null;
        var server = await StubHttpServer.StartAsync(context =>
        {
            var path = context.Request.Path.Value ?? "/";
            lock (stub!.Requests)
            {
                stub.Requests[path] = stub.Requests.GetValueOrDefault(path) + 1;
            }

            context.Response.StatusCode = !HasReadyPod(store, ns, "frontend") ? 503
                : path == "/_healthz" ? 200
                : path == "/" ? (HomeDependencies.All(s => HasReadyPod(store, ns, s)) ? 200 : 500)
                : 404;
            return Task.CompletedTask;
        }, cancellationToken);
        stub = new BoutiqueFrontendStub(server);
        return stub;
    }

    /// <summary><paramref name="experiment"/> with every HTTP probe aimed at the lab's frontend address aimed at this stub
    /// instead (same path): tests talk only to 127.0.0.1.</summary>
    public Experiment Serving(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var probes = experiment.Hypothesis.Probes.Select(p => p is HttpProbe h && h.Url.Authority == LabAddress.Authority
            ? h with { Url = new Uri(this.BaseAddress, h.Url.PathAndQuery) }
            : p).ToList();
        return experiment with { Hypothesis = experiment.Hypothesis with { Probes = probes } };
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => this.server.DisposeAsync();

    private static bool HasReadyPod(FakeObjectStore store, string ns, string app) =>
        store.List(FakeResourceCatalog.FindKind("Pod")!, ns, $"app={app}").Items.Any(pod =>
            pod["metadata"]?["deletionTimestamp"] is null
            && pod["status"]?["conditions"] is JsonArray conditions
            && conditions.Any(c => c?["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True"));
}
