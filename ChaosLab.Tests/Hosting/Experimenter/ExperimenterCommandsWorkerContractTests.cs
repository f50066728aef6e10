using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ChaosLab.AppHost.Hosting.Experimenter;
using ChaosLab.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChaosLab.Tests.Hosting.Experimenter;

/// <summary>
/// The AppHost's experimenter commands against the real worker API (loopback, no cluster): the
/// contract between <c>ExperimenterApiClient</c> and <c>WorkerApiEndpoints</c> holds.
/// </summary>
public sealed class ExperimenterCommandsWorkerContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Commands_list_run_and_report_errors_of_the_real_worker()
    {
        var folder = Directory.CreateTempSubdirectory("chaoslab-commands-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "catalog-kill.yaml"), SampleExperiments.PodKill("catalog-kill", "product-catalog"), Ct);
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>([], Ct);
            var experimenter = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "experimenter");
            await using var worker = await InProcessWorker.StartAsync([
                "--Lab:Cluster:Context=",
                "--Lab:Experimenter:ExperimentsPath=" + folder.FullName,
                "--Lab:Experimenter:SuitesPath=" + folder.FullName,
            ], Ct, apiToken: await ApiTokenOf(experimenter));
            try
            {
                var address = worker.Address;
                var endpoint = experimenter.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == ExperimenterResourceBuilderExtensions.EndpointName);
                endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, "127.0.0.1", address.Port);
                await using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
                var commands = experimenter.Annotations.OfType<ResourceCommandAnnotation>().ToDictionary(c => c.Name);

                // The choice lists the worker's experiments.
                var choice = commands[ExperimenterResourceBuilderExtensions.RunExperimentCommand].Arguments.Single();
                await choice.DynamicLoading!.LoadCallback(new LoadInputContext { Input = choice, AllInputs = new([choice]), Services = services, CancellationToken = Ct });
                choice.Options.ShouldBe([KeyValuePair.Create("catalog-kill", "catalog-kill")]);

                // Running it queues a run whose id the message names.
                var run = await Execute(commands[ExperimenterResourceBuilderExtensions.RunExperimentCommand], services, "catalog-kill");
                run.Success.ShouldBeTrue(run.Message);
                using var http = worker.CreateClient();
                var runs = await http.GetFromJsonAsync<JsonElement>("/api/runs", Ct);
                run.Message.ShouldBe($"Queued experiment 'catalog-kill' as run {runs[0].GetProperty("runId").GetString()}.");

                // Errors come back with the worker's own words.
                var unknown = await Execute(commands[ExperimenterResourceBuilderExtensions.RunExperimentCommand], services, "nope");
                unknown.Success.ShouldBeFalse();
                unknown.Message.ShouldBe("HTTP 404 NotFound: no valid experiment named 'nope' (GET /api/experiments lists them)");
                var suite = await Execute(commands[ExperimenterResourceBuilderExtensions.RunDefaultSuiteCommand], services, null);
                suite.Success.ShouldBeFalse();
                suite.Message.ShouldBe("HTTP 404 NotFound: no valid suite named 'default' (GET /api/suites lists them)");

                // Abort halts the worker (its cleanup fails here: there is no cluster); runs are refused until Resume.
                var abort = await Execute(commands[ExperimenterResourceBuilderExtensions.AbortCommand], services, null);
                abort.Success.ShouldBeFalse();
                abort.Message.ShouldStartWith("Abort left 1 thing(s) behind: could not remove the chaos objects and flag switches: no kube context configured");
                var refused = await Execute(commands[ExperimenterResourceBuilderExtensions.RunExperimentCommand], services, "catalog-kill");
                refused.Success.ShouldBeFalse();
                refused.Message.ShouldStartWith("HTTP 409 Conflict: the worker is halted since ");
                refused.Message.ShouldContain("POST /api/resume (dashboard: experimenter → Resume runs)");
                var resume = await Execute(commands[ExperimenterResourceBuilderExtensions.ResumeCommand], services, null);
                resume.Success.ShouldBeTrue(resume.Message);
                resume.Message.ShouldBe("Resumed: runs may start again.");
                (await Execute(commands[ExperimenterResourceBuilderExtensions.ResumeCommand], services, null)).Message.ShouldBe("Not halted: runs may start.");
                var again = await Execute(commands[ExperimenterResourceBuilderExtensions.RunExperimentCommand], services, "catalog-kill");
                again.Success.ShouldBeTrue(again.Message);
            }
            finally
            {
                await worker.StopAsync(Ct);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Commands_of_an_apphost_whose_token_the_worker_does_not_have_are_refused_with_401()
    {
        var folder = Directory.CreateTempSubdirectory("chaoslab-commands-");
        try
        {
            await using var worker = await InProcessWorker.StartAsync([
                "--Lab:Cluster:Context=",
                "--Lab:Experimenter:ExperimentsPath=" + folder.FullName,
                "--Lab:Experimenter:SuitesPath=" + folder.FullName,
            ], Ct);
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>([], Ct);
            var experimenter = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "experimenter");
            (await ApiTokenOf(experimenter)).ShouldNotBe(worker.Token);
            var endpoint = experimenter.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == ExperimenterResourceBuilderExtensions.EndpointName);
            endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, "127.0.0.1", worker.Address.Port);
            await using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
            var abort = experimenter.Annotations.OfType<ResourceCommandAnnotation>().Single(c => c.Name == ExperimenterResourceBuilderExtensions.AbortCommand);

            var result = await Execute(abort, services, null);

            result.Success.ShouldBeFalse();
            result.Message.ShouldStartWith("HTTP 401 Unauthorized: missing or wrong API token");
            using var http = worker.CreateClient();
            var status = await http.GetFromJsonAsync<JsonElement>("/api/status", Ct);
            status.GetProperty("halted").ValueKind.ShouldBe(JsonValueKind.Null);
            await worker.StopAsync(Ct);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Each_apphost_start_gives_the_worker_a_new_random_token_and_an_unproxied_endpoint()
    {
        var first = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>([], Ct);
        var second = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>([], Ct);
        var one = first.Resources.OfType<ProjectResource>().Single(r => r.Name == "experimenter");
        var two = second.Resources.OfType<ProjectResource>().Single(r => r.Name == "experimenter");

        var token = await ApiTokenOf(one);

        token.Length.ShouldBeGreaterThanOrEqualTo(40);
        token.ShouldNotBe(await ApiTokenOf(two));
        one.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == ExperimenterResourceBuilderExtensions.EndpointName).IsProxied.ShouldBeFalse();
    }

    /// <summary>The token the AppHost puts in the experimenter's environment.</summary>
    private static async Task<string> ApiTokenOf(ProjectResource experimenter)
    {
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run));
        foreach (var callback in experimenter.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return context.EnvironmentVariables[ExperimenterResourceBuilderExtensions.ApiTokenVariable].ShouldBeOfType<string>();
    }

    private static Task<ExecuteCommandResult> Execute(ResourceCommandAnnotation command, IServiceProvider services, string? experiment) =>
        command.ExecuteCommand(new ExecuteCommandContext
        {
            ResourceName = "experimenter",
            Services = services,
            Arguments = new InteractionInputCollection([.. command.Arguments.Select(a => new InteractionInput { Name = a.Name, InputType = a.InputType, Value = experiment })]),
            Logger = NullLogger.Instance,
            CancellationToken = Ct,
        });
}
