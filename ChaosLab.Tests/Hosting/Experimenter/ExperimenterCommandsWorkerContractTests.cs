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
            await using var worker = await InProcessWorker.StartAsync([
                "--Lab:Cluster:Context=",
                "--Lab:Experimenter:ExperimentsPath=" + folder.FullName,
                "--Lab:Experimenter:SuitesPath=" + folder.FullName,
            ], Ct);
            try
            {
                var address = worker.Address;
                var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>([], Ct);
                var experimenter = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "experimenter");
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
                using var http = new HttpClient { BaseAddress = address };
                var runs = await http.GetFromJsonAsync<JsonElement>("/api/runs", Ct);
                run.Message.ShouldBe($"Queued experiment 'catalog-kill' as run {runs[0].GetProperty("runId").GetString()}.");

                // Errors come back with the worker's own words.
                var unknown = await Execute(commands[ExperimenterResourceBuilderExtensions.RunExperimentCommand], services, "nope");
                unknown.Success.ShouldBeFalse();
                unknown.Message.ShouldBe("HTTP 404 NotFound: no valid experiment named 'nope' (GET /api/experiments lists them)");
                var suite = await Execute(commands[ExperimenterResourceBuilderExtensions.RunDefaultSuiteCommand], services, null);
                suite.Success.ShouldBeFalse();
                suite.Message.ShouldBe("HTTP 404 NotFound: no valid suite named 'default' (GET /api/suites lists them)");
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
