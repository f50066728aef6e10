using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ChaosLab.AppHost.Hosting.Experimenter;
using ChaosLab.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChaosLab.Tests.Hosting.Experimenter;

/// <summary>
/// The experimenter's dashboard commands, taken from the real AppHost model and executed against a
/// loopback stub of the worker API: the exact request they send and the result they report.
/// </summary>
public sealed class ExperimenterCommandsTests : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<string> _authorizations = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    private StubHttpServer? _server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every request the stub saw, as "METHOD /path".</summary>
    private string[] Requests => [.. _requests];

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await _services.DisposeAsync();
    }

    /// <summary>The experimenter from the AppHost's model with its http endpoint pointed at a stub answering
    /// <paramref name="status"/> and <paramref name="json"/>.</summary>
    private async Task<ProjectResource> ExperimenterAgainstStub(int status, string json)
    {
        _server = await StubHttpServer.StartAsync(async context =>
        {
            _requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            _authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json, context.RequestAborted);
        }, Ct);
        return await Experimenter(_server.BaseAddress.Port);
    }

    private static async Task<ProjectResource> Experimenter(int? port)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>([], Ct);
        var experimenter = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "experimenter");
        if (port is { } p)
        {
            var endpoint = experimenter.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == ExperimenterResourceBuilderExtensions.EndpointName);
            endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, "127.0.0.1", p);
        }

        return experimenter;
    }

    private Task<ExecuteCommandResult> Execute(ProjectResource experimenter, string command, string? experiment = null)
    {
        var annotation = experimenter.Annotations.OfType<ResourceCommandAnnotation>().Single(c => c.Name == command);
        var arguments = annotation.Arguments.Select(a => new InteractionInput
        {
            Name = a.Name,
            Label = a.Label,
            InputType = a.InputType,
            Required = a.Required,
            Value = a.Name == ExperimenterResourceBuilderExtensions.ExperimentArgument ? experiment : null,
        }).ToList();
        return annotation.ExecuteCommand(new ExecuteCommandContext
        {
            ResourceName = experimenter.Name,
            Services = _services,
            Arguments = new InteractionInputCollection(arguments),
            Logger = NullLogger.Instance,
            CancellationToken = Ct,
        });
    }

    [Fact]
    public async Task Run_experiment_posts_the_chosen_name_and_reports_the_run_id()
    {
        var experimenter = await ExperimenterAgainstStub(202,
            """{"runId":"20261126-0830-pod-kill","experiment":"pod-kill-product-catalog","suite":null,"queuedAt":"2026-11-26T08:30:00+00:00","state":"queued"}""");

        var result = await Execute(experimenter, ExperimenterResourceBuilderExtensions.RunExperimentCommand, "pod-kill-product-catalog");

        Requests.ShouldBe(["POST /api/experiments/pod-kill-product-catalog/run"]);
        result.Success.ShouldBeTrue(result.Message);
        result.Message.ShouldBe("Queued experiment 'pod-kill-product-catalog' as run 20261126-0830-pod-kill.");
    }

    [Fact]
    public async Task Run_experiment_reports_the_APIs_error_answer()
    {
        var experimenter = await ExperimenterAgainstStub(409, """{"error":"a run is in progress"}""");

        var result = await Execute(experimenter, ExperimenterResourceBuilderExtensions.RunExperimentCommand, "cpu-stress-recommendation");

        Requests.ShouldBe(["POST /api/experiments/cpu-stress-recommendation/run"]);
        result.Success.ShouldBeFalse();
        result.Message.ShouldBe("HTTP 409 Conflict: a run is in progress");
    }

    [Fact]
    public async Task Run_experiment_reports_a_problem_details_answer_and_escapes_the_name()
    {
        var experimenter = await ExperimenterAgainstStub(403,
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.4","title":"Forbidden","status":403,"detail":"the ChaosLab worker API answers loopback callers only"}""");

        var result = await Execute(experimenter, ExperimenterResourceBuilderExtensions.RunExperimentCommand, "a b/c");

        Requests.ShouldBe(["POST /api/experiments/a%20b%2Fc/run"]);
        result.Success.ShouldBeFalse();
        result.Message.ShouldBe("HTTP 403 Forbidden: the ChaosLab worker API answers loopback callers only");
    }

    [Fact]
    public async Task Run_experiment_without_a_choice_sends_nothing()
    {
        var experimenter = await ExperimenterAgainstStub(202, "{}");

        var result = await Execute(experimenter, ExperimenterResourceBuilderExtensions.RunExperimentCommand, experiment: null);

        Requests.ShouldBeEmpty();
        result.Success.ShouldBeFalse();
        result.Message!.ShouldStartWith("No experiment chosen.");
    }

    [Fact]
    public async Task Run_default_suite_posts_the_default_suite_and_lists_the_queued_runs()
    {
        var experimenter = await ExperimenterAgainstStub(202,
            """[{"runId":"r1","experiment":"pod-kill-product-catalog","suite":"default"},{"runId":"r2","experiment":"cpu-stress-recommendation","suite":"default"}]""");

        var result = await Execute(experimenter, ExperimenterResourceBuilderExtensions.RunDefaultSuiteCommand);

        Requests.ShouldBe(["POST /api/suites/default/run"]);
        result.Success.ShouldBeTrue(result.Message);
        result.Message.ShouldBe("Queued suite 'default': 2 run(s): pod-kill-product-catalog (r1), cpu-stress-recommendation (r2).");
    }

    [Fact]
    public async Task Run_default_suite_reports_invalid_entries()
    {
        var experimenter = await ExperimenterAgainstStub(422,
            """{"error":"suite 'default' has invalid entries","errors":["no experiment named 'gone'"]}""");

        var result = await Execute(experimenter, ExperimenterResourceBuilderExtensions.RunDefaultSuiteCommand);

        result.Success.ShouldBeFalse();
        result.Message.ShouldBe("HTTP 422 UnprocessableEntity: suite 'default' has invalid entries: no experiment named 'gone'");
    }

    [Fact]
    public async Task Abort_posts_abort_and_reports_what_it_removed()
    {
        var experimenter = await ExperimenterAgainstStub(200,
            """{"removed":["podchaos astronomy-shop/chaoslab-r1","flag adServiceFailure restored"],"failed":[]}""");

        var result = await Execute(experimenter, ExperimenterResourceBuilderExtensions.AbortCommand);

        Requests.ShouldBe(["POST /api/abort"]);
        result.Success.ShouldBeTrue(result.Message);
        result.Message.ShouldBe("Abort done: removed 2: podchaos astronomy-shop/chaoslab-r1; flag adServiceFailure restored.");
    }

    [Fact]
    public async Task Abort_that_left_something_behind_is_a_failure_naming_it()
    {
        var experimenter = await ExperimenterAgainstStub(200,
            """{"removed":[],"failed":["networkchaos astronomy-shop/chaoslab-r2: 500 Internal Server Error"]}""");

        var result = await Execute(experimenter, ExperimenterResourceBuilderExtensions.AbortCommand);

        result.Success.ShouldBeFalse();
        result.Message.ShouldBe("Abort left 1 thing(s) behind: networkchaos astronomy-shop/chaoslab-r2: 500 Internal Server Error. Run 'chaoslab clean'.");
    }

    [Fact]
    public async Task A_worker_that_does_not_answer_is_a_failure_naming_the_url()
    {
        // A port that was free a moment ago: nothing listens there.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var experimenter = await Experimenter(port);

        var result = await Execute(experimenter, ExperimenterResourceBuilderExtensions.AbortCommand);

        result.Success.ShouldBeFalse();
        result.Message!.ShouldStartWith($"The experimenter API at http://127.0.0.1:{port}/api/abort did not answer:");
    }

    [Fact]
    public async Task Before_the_endpoint_is_allocated_the_commands_fail_without_calling()
    {
        var experimenter = await Experimenter(port: null);

        var result = await Execute(experimenter, ExperimenterResourceBuilderExtensions.RunDefaultSuiteCommand);

        result.Success.ShouldBeFalse();
        result.Message.ShouldBe("The experimenter's 'http' endpoint is not allocated yet; wait until it runs.");
    }

    [Fact]
    public async Task The_experiment_choice_is_loaded_from_the_worker_list()
    {
        var experimenter = await ExperimenterAgainstStub(200,
            """{"experiments":[{"name":"pod-kill-product-catalog","fault":"PodChaos"},{"name":"ad-delay-errors","fault":"NetworkChaos"}],"errors":[]}""");
        var input = experimenter.Annotations.OfType<ResourceCommandAnnotation>()
            .Single(c => c.Name == ExperimenterResourceBuilderExtensions.RunExperimentCommand).Arguments.Single();

        await input.DynamicLoading!.LoadCallback(new LoadInputContext
        {
            Input = input,
            AllInputs = new InteractionInputCollection([input]),
            Services = _services,
            CancellationToken = Ct,
        });

        Requests.ShouldBe(["GET /api/experiments"]);
        input.Options.ShouldBe(
        [
            KeyValuePair.Create("pod-kill-product-catalog", "pod-kill-product-catalog"),
            KeyValuePair.Create("ad-delay-errors", "ad-delay-errors"),
        ]);
    }

    [Fact]
    public async Task An_unreadable_worker_list_leaves_the_choice_empty()
    {
        var experimenter = await ExperimenterAgainstStub(500, """{"error":"boom"}""");
        var input = experimenter.Annotations.OfType<ResourceCommandAnnotation>()
            .Single(c => c.Name == ExperimenterResourceBuilderExtensions.RunExperimentCommand).Arguments.Single();

        await input.DynamicLoading!.LoadCallback(new LoadInputContext
        {
            Input = input,
            AllInputs = new InteractionInputCollection([input]),
            Services = _services,
            CancellationToken = Ct,
        });

        Requests.ShouldBe(["GET /api/experiments"]);
        input.Options.ShouldNotBeNull().ShouldBeEmpty();
    }

    [Fact]
    public async Task Resume_posts_resume_and_says_runs_may_start_again()
    {
        var experimenter = await ExperimenterAgainstStub(200, """{"resumed":true,"message":"resumed"}""");

        var result = await Execute(experimenter, ExperimenterResourceBuilderExtensions.ResumeCommand);

        Requests.ShouldBe(["POST /api/resume"]);
        result.Success.ShouldBeTrue(result.Message);
        result.Message.ShouldBe("Resumed: runs may start again.");
    }

    [Fact]
    public async Task Resume_when_not_halted_says_so()
    {
        var experimenter = await ExperimenterAgainstStub(200, """{"resumed":false,"message":"not halted: runs may start"}""");

        var result = await Execute(experimenter, ExperimenterResourceBuilderExtensions.ResumeCommand);

        result.Success.ShouldBeTrue(result.Message);
        result.Message.ShouldBe("Not halted: runs may start.");
    }

    [Fact]
    public async Task Every_call_carries_the_token_the_apphost_gave_the_worker()
    {
        var experimenter = await ExperimenterAgainstStub(200, """{"experiments":[],"removed":[],"failed":[]}""");
        var environment = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run));
        foreach (var callback in experimenter.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(environment);
        }

        var token = environment.EnvironmentVariables[ExperimenterResourceBuilderExtensions.ApiTokenVariable].ShouldBeOfType<string>();
        var input = experimenter.Annotations.OfType<ResourceCommandAnnotation>()
            .Single(c => c.Name == ExperimenterResourceBuilderExtensions.RunExperimentCommand).Arguments.Single();
        await input.DynamicLoading!.LoadCallback(new LoadInputContext { Input = input, AllInputs = new InteractionInputCollection([input]), Services = _services, CancellationToken = Ct });
        await Execute(experimenter, ExperimenterResourceBuilderExtensions.RunExperimentCommand, "x");
        await Execute(experimenter, ExperimenterResourceBuilderExtensions.RunDefaultSuiteCommand);
        await Execute(experimenter, ExperimenterResourceBuilderExtensions.AbortCommand);
        await Execute(experimenter, ExperimenterResourceBuilderExtensions.ResumeCommand);

        Requests.Length.ShouldBe(5);
        _authorizations.ShouldAllBe(a => a == "Bearer " + token);
    }

    [Fact]
    public async Task Resume_is_enabled_only_while_the_experimenter_runs()
    {
        var experimenter = await Experimenter(port: null);
        var resume = experimenter.Annotations.OfType<ResourceCommandAnnotation>().Single(c => c.Name == ExperimenterResourceBuilderExtensions.ResumeCommand);

        resume.DisplayName.ShouldBe("Resume runs");
        foreach (var (state, expected) in new[] { (KnownResourceStates.Running, ResourceCommandState.Enabled), (KnownResourceStates.Starting, ResourceCommandState.Disabled), (KnownResourceStates.Exited, ResourceCommandState.Disabled) })
        {
            var context = new UpdateCommandStateContext { ResourceSnapshot = new CustomResourceSnapshot { ResourceType = "Project", Properties = [], State = state }, Services = _services };
            resume.UpdateState(context).ShouldBe(expected, state);
        }
    }
}
