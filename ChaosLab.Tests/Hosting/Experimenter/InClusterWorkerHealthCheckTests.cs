using System.Net;
using System.Net.Sockets;
using ChaosLab.AppHost.Hosting.Experimenter;
using ChaosLab.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChaosLab.Tests.Hosting.Experimenter;

/// <summary>The in-cluster worker's health through its forward, against a loopback stub of the worker's
/// <c>/health</c> and <c>/api/status</c> (with the token), and against a port where nothing listens.</summary>
public sealed class InClusterWorkerHealthCheckTests : IAsyncDisposable
{
    private const string Token = "the-start-token";
    private readonly WorkerApiStub _worker = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _worker.DisposeAsync();

    private static string Status(string cleanupState, string cleanupDescription, string halted = "null") => $$"""
        {"halted":{{halted}},"startupCleanup":{"state":"{{cleanupState}}","attempts":2,"lastError":null,"nextAttemptAt":null,"description":"{{cleanupDescription}}"},
         "queued":0,"maxQueuedRuns":20,"running":null}
        """;

    /// <summary>A worker stub: <c>/health</c> answers <paramref name="health"/>; <c>/api/status</c> answers <paramref name="status"/>
    /// to the right token and 401 otherwise (or <paramref name="statusCode"/>).</summary>
    private async Task<HealthCheckResult> Check(int health, string status, int statusCode = 200)
    {
        var address = await _worker.StartAsync(async context =>
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            if (context.Request.Path == "/health")
            {
                context.Response.StatusCode = health;
                await context.Response.WriteAsync(health == 200 ? "Healthy" : "Unhealthy", context.RequestAborted);
                return;
            }

            context.Response.StatusCode = authorization == $"Bearer {Token}" ? statusCode : 401;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(context.Response.StatusCode == 200 ? status : """{"title":"missing or wrong API token"}""", context.RequestAborted);
        }, Ct);
        return await new InClusterWorkerHealthCheck(_worker.Http, address, Token, "experimenter-api").CheckHealthAsync(new HealthCheckContext(), Ct);
    }

    [Fact]
    public async Task A_worker_that_answers_healthy_is_healthy_and_says_its_cleanup_is_done()
    {
        var result = await Check(200, Status("succeeded", "start-up cleanup done (attempt 1)"));

        result.Status.ShouldBe(HealthStatus.Healthy);
        result.Description.ShouldBe("the worker answers through 'experimenter-api'; start-up cleanup done (attempt 1)");
        _worker.Requests.ShouldBe(["GET /health ", $"GET /api/status Bearer {Token}"]);
    }

    [Fact]
    public async Task A_pending_start_up_cleanup_is_unhealthy_in_the_workers_own_words()
    {
        const string pending = "start-up cleanup pending: podchaos is forbidden (attempt 2 failed; next at 2026-11-30T12:00:10.0000000+00:00)";

        var result = await Check(503, Status("pending", pending));

        result.Status.ShouldBe(HealthStatus.Unhealthy);
        result.Description.ShouldBe(pending);
    }

    [Fact]
    public async Task An_unhealthy_worker_whose_cleanup_is_done_has_a_failing_cluster_check()
    {
        var result = await Check(503, Status("succeeded", "start-up cleanup done (attempt 1)"));

        result.Status.ShouldBe(HealthStatus.Unhealthy);
        result.Description.ShouldBe("the worker's /health answers 503: its cluster check fails (the Kubernetes API is not reachable from the pod; its log says why); start-up cleanup done (attempt 1)");
    }

    [Fact]
    public async Task A_halted_worker_is_healthy_and_says_it_is_halted()
    {
        var result = await Check(200, Status("succeeded", "start-up cleanup done (attempt 1)", halted: """{"message":"halted by POST /api/abort; runs start again after POST /api/resume"}"""));

        result.Status.ShouldBe(HealthStatus.Healthy);
        result.Description.ShouldBe("the worker answers through 'experimenter-api'; halted: halted by POST /api/abort; runs start again after POST /api/resume");
    }

    [Fact]
    public async Task A_worker_that_refuses_the_token_is_unhealthy_with_why()
    {
        var result = await Check(200, Status("succeeded", "done"), statusCode: 401);

        result.Status.ShouldBe(HealthStatus.Unhealthy);
        result.Description.ShouldBe("the worker refuses this AppHost's API token (its pod still runs with an earlier token Secret; it restarts with the next rollout)");
    }

    [Fact]
    public async Task A_forward_where_nothing_listens_is_unhealthy_and_names_the_forward()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var url = new Uri($"http://127.0.0.1:{port}/");
        var result = await new InClusterWorkerHealthCheck(_worker.Http, url, Token, "experimenter-api").CheckHealthAsync(new HealthCheckContext(), Ct);

        result.Status.ShouldBe(HealthStatus.Unhealthy);
        result.Description.ShouldNotBeNull().ShouldStartWith($"the worker does not answer through port-forward 'experimenter-api' ({url}): ");
        result.Description.ShouldNotContain(Token);
    }
}
