using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ChaosLab.AppHost.Hosting.Experimenter;
using ChaosLab.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChaosLab.Tests.Hosting.Experimenter;

/// <summary>The poller against a loopback stub of the worker API: each poll reads <c>GET /api/live</c> with the token and
/// the experiment resource follows its run's phases.</summary>
public sealed class ExperimentStatePollerTests : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> authorizations = new();
    private readonly ServiceProvider services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    private StubHttpServer? worker;
    private volatile string answer = """{"runs":[]}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (this.worker is not null)
        {
            await this.worker.DisposeAsync();
        }

        await this.services.DisposeAsync();
    }

    private static string Live(string state, string? phase = null, string? outcome = null, string? faultStart = null, string? faultEnd = null, string ttr = "{}") =>
        $$"""
        {"runs":[{"runId":"r1","experiment":"frontend-ad-delay","suite":null,"queuedAt":"2026-11-30T12:00:00+00:00","state":"{{state}}",
          "phase":{{(phase is null ? "null" : $"\"{phase}\"")}},"outcome":{{(outcome is null ? "null" : $"\"{outcome}\"")}},
          "faultStart":{{(faultStart is null ? "null" : $"\"{faultStart}\"")}},"faultEnd":{{(faultEnd is null ? "null" : $"\"{faultEnd}\"")}},
          "ttr":{{ttr}},"journal":"results/x.json","error":null}]}
        """;

    [Fact]
    public async Task Polls_move_the_experiment_resource_through_its_run_phases()
    {
        this.worker = await StubHttpServer.StartAsync(async context =>
        {
            this.authorizations.Enqueue($"{context.Request.Method} {context.Request.Path} {context.Request.Headers.Authorization}");
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(this.answer, context.RequestAborted);
        }, Ct);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>([], Ct);
        var experimenter = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "experimenter");
        var endpoint = experimenter.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == ExperimenterResourceBuilderExtensions.EndpointName);
        endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, "127.0.0.1", this.worker.BaseAddress.Port);
        var delay = builder.Resources.OfType<ExperimentResource>().Single(r => r.Name == "frontend-ad-delay");
#pragma warning disable CS0618 // publish-mode evaluation of plain values, as AppHostModelTests does
        var token = (await experimenter.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish))[ExperimenterResourceBuilderExtensions.ApiTokenVariable];
#pragma warning restore CS0618

        string[] answers =
        [
            """{"runs":[]}""",
            Live("queued"),
            Live("running", "SteadyStateBefore"),
            Live("running", "Inject"),
            Live("running", "Observe", faultStart: "2026-11-30T12:01:00+00:00"),
            Live("running", "Recover", faultStart: "2026-11-30T12:01:00+00:00"),
            Live("completed", outcome: "Held", faultStart: "2026-11-30T12:01:00+00:00", faultEnd: "2026-11-30T12:03:00+00:00", ttr: """{"error_ratio":4}"""),
        ];
        var states = new List<string>();
        ExperimentView? last = null;
        foreach (var text in answers)
        {
            this.answer = text;
            var views = await ExperimentStatePoller.ViewsAsync([delay], this.services, _ => false, Ct);
            last = views[delay];
            states.Add(last.State.Text);
        }

        states.ShouldBe(["Idle", "Queued", "Baseline", "Injecting", "Injected", "Recovering", "Passed"]);
        last!.Properties.Single(p => p.Name == "chaoslab.fault-window").Value.ShouldBe("2026-11-30T12:01:00.0000000Z → 2026-11-30T12:03:00.0000000Z (120 s)");
        last.Properties.Single(p => p.Name == "chaoslab.ttr").Value.ShouldBe("error_ratio 4 s");
        this.authorizations.Count.ShouldBe(answers.Length);
        this.authorizations.ShouldAllBe(a => a == $"GET /api/live Bearer {token}");
    }

    [Fact]
    public async Task Before_the_worker_endpoint_is_allocated_nothing_is_asked_and_nothing_changes()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>([], Ct);
        var delay = builder.Resources.OfType<ExperimentResource>().Single(r => r.Name == "frontend-ad-delay");

        var views = await ExperimentStatePoller.ViewsAsync([delay], this.services, _ => false, Ct);

        views.ShouldBeEmpty();
    }
}
