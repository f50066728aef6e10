using System.Net;
using System.Net.Sockets;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Worker;
using ChaosLab.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChaosLab.Tests.Worker;

public sealed class ClusterReachabilityCheckTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chaoslab-kubeconfig-").FullName;

    [Fact]
    public async Task Healthy_when_the_api_server_answers_version()
    {
        await using var server = await StartVersionServerAsync();
        var options = new ClusterConnectionOptions { Kubeconfig = WriteKubeconfig(server.BaseAddress.ToString().TrimEnd('/')), Context = "lab" };

        var result = await new ClusterReachabilityCheck(options).CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        result.Status.ShouldBe(HealthStatus.Healthy);
        result.Description.ShouldNotBeNull().ShouldContain("v1.34.0");
    }

    [Fact]
    public async Task Unhealthy_with_the_address_when_nothing_listens()
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var options = new ClusterConnectionOptions { Kubeconfig = WriteKubeconfig(url), Context = "lab" };

        var result = await new ClusterReachabilityCheck(options).CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        result.Status.ShouldBe(HealthStatus.Unhealthy);
        result.Description.ShouldNotBeNull().ShouldContain("127.0.0.1");
        result.Description.ShouldContain("unreachable");
    }

    [Fact]
    public async Task Unhealthy_with_the_reason_when_the_context_does_not_exist()
    {
        var options = new ClusterConnectionOptions { Kubeconfig = WriteKubeconfig("http://127.0.0.1:1"), Context = "no-such-context" };

        var probe = await ClusterReachabilityCheck.ProbeAsync(options, TestContext.Current.CancellationToken);

        probe.Reachable.ShouldBeFalse();
        probe.Description.ShouldContain("no-such-context");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteKubeconfig(string serverUrl)
    {
        var path = Path.Combine(_folder, $"kubeconfig-{Guid.NewGuid():N}");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: lab
              cluster:
                server: {serverUrl}
            users:
            - name: lab
              user:
                token: test-token
            contexts:
            - name: lab
              context:
                cluster: lab
                user: lab
            current-context: lab
            """);
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task<StubHttpServer> StartVersionServerAsync() =>
        StubHttpServer.StartAsync(
            context => context.Request.Path.StartsWithSegments("/version", StringComparison.Ordinal)
                ? context.Response.WriteAsJsonAsync(new { major = "1", minor = "34", gitVersion = "v1.34.0", platform = "linux/amd64" })
                : Task.FromResult(context.Response.StatusCode = StatusCodes.Status404NotFound),
            TestContext.Current.CancellationToken);
}
