using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ChaosLab.AppHost.Hosting.Experimenter;
using ChaosLab.AppHost.Hosting.Helm;
using ChaosLab.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChaosLab.Tests.Hosting.Experimenter;

/// <summary>
/// The in-cluster experimenter's dashboard commands go to its API port-forward's local address with this start's
/// token. The forward's local port is a loopback stub here (the AppHost itself always uses 18088).
/// </summary>
public sealed class InClusterExperimenterCommandsTests : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    private StubHttpServer? _server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await _services.DisposeAsync();
    }

    [Fact]
    public async Task Abort_all_chaos_posts_through_the_forwards_local_port_with_the_starts_token()
    {
        _server = await StubHttpServer.StartAsync(async context =>
        {
            _requests.Enqueue($"{context.Request.Method} {context.Request.Host} {context.Request.Path} {context.Request.Headers.Authorization}");
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"removed":["podchaos astronomy-shop/chaoslab-r1"],"failed":[]}""", context.RequestAborted);
        }, Ct);
        var port = _server.BaseAddress.Port;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>(["Lab:Experimenter:Hosting=InCluster"], Ct);
        foreach (var name in new[] { "experimenter", InClusterExperimenterBuilderExtensions.ApiForwardName })
        {
            builder.Resources.Remove(builder.Resources.Single(r => r.Name == name));
        }

        var shop = builder.CreateResourceBuilder(builder.Resources.OfType<HelmReleaseResource>().Single(r => r.Name == "astronomy-shop"));
        var experimenter = shop.AddInClusterExperimenter("experimenter", "/unused", "/tmp/chaoslab-model", port).Resource;
        var abort = experimenter.Annotations.OfType<ResourceCommandAnnotation>().Single(c => c.Name == ExperimenterResourceBuilderExtensions.AbortCommand);

        var result = await abort.ExecuteCommand(new ExecuteCommandContext
        {
            ResourceName = experimenter.Name,
            Services = _services,
            Arguments = new InteractionInputCollection([]),
            Logger = NullLogger.Instance,
            CancellationToken = Ct,
        });

        result.Success.ShouldBeTrue(result.Message);
        result.Message.ShouldBe("Abort done: removed 1: podchaos astronomy-shop/chaoslab-r1.");
        _requests.ShouldBe([$"POST 127.0.0.1:{port} /api/abort Bearer {experimenter.ApiToken}"]);
        experimenter.ApiToken.Length.ShouldBeGreaterThanOrEqualTo(40);
    }
}
