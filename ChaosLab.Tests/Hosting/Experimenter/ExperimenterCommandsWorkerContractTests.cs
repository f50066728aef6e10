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
            ], Ct, apiToken: await LocalExperimenterCalls.ApiTokenOf(experimenter));
            try
            {
                var address = worker.Address;
                LocalExperimenterCalls.PointAt(experimenter, address.Port);
                await using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
                var commands = experimenter.Annotations.OfType<ResourceCommandAnnotation>().ToDictionary(c => c.Name);

                // The choice lists the worker's experiments.
                var choice = commands[ExperimenterResourceBuilderExtensions.RunExperimentCommand].Arguments.Single();
                await choice.DynamicLoading!.LoadCallback(new LoadInputContext { Input = choice, AllInputs = new([choice]), Services = services, CancellationToken = Ct });
                choice.Options.ShouldBe([KeyValuePair.Create("catalog-kill", "catalog-kill")]);

                // Running it queues a run whose id the message names.
                var run = await LocalExperimenterCalls.Execute(commands[ExperimenterResourceBuilderExtensions.RunExperimentCommand], services, "experimenter", "catalog-kill");
                run.Success.ShouldBeTrue(run.Message);
                using var http = worker.CreateClient();
                var runs = await http.GetFromJsonAsync<JsonElement>("/api/runs", Ct);
                run.Message.ShouldBe($"Queued experiment 'catalog-kill' as run {runs[0].GetProperty("runId").GetString()}.");

                // Errors come back with the worker's own words.
                var unknown = await LocalExperimenterCalls.Execute(commands[ExperimenterResourceBuilderExtensions.RunExperimentCommand], services, "experimenter", "nope");
                unknown.Success.ShouldBeFalse();
                unknown.Message.ShouldBe("HTTP 404 NotFound: no valid experiment named 'nope' (GET /api/experiments lists them)");
                var suite = await LocalExperimenterCalls.Execute(commands[ExperimenterResourceBuilderExtensions.RunDefaultSuiteCommand], services, "experimenter", null);
                suite.Success.ShouldBeFalse();
                suite.Message.ShouldBe("HTTP 404 NotFound: no valid suite named 'default' (GET /api/suites lists them)");

                // Abort halts the worker (its cleanup fails here: there is no cluster); runs are refused until Resume.
                var abort = await LocalExperimenterCalls.Execute(commands[ExperimenterResourceBuilderExtensions.AbortCommand], services, "experimenter", null);
                abort.Success.ShouldBeFalse();
                abort.Message.ShouldStartWith("Abort left 1 thing(s) behind: could not remove the chaos objects and flag switches: no kube context configured");
                var refused = await LocalExperimenterCalls.Execute(commands[ExperimenterResourceBuilderExtensions.RunExperimentCommand], services, "experimenter", "catalog-kill");
                refused.Success.ShouldBeFalse();
                refused.Message.ShouldStartWith("HTTP 409 Conflict: the worker is halted since ");
                refused.Message.ShouldContain("POST /api/resume (dashboard: experimenter → Resume runs)");
                var resume = await LocalExperimenterCalls.Execute(commands[ExperimenterResourceBuilderExtensions.ResumeCommand], services, "experimenter", null);
                resume.Success.ShouldBeTrue(resume.Message);
                resume.Message.ShouldBe("Resumed: runs may start again.");
                (await LocalExperimenterCalls.Execute(commands[ExperimenterResourceBuilderExtensions.ResumeCommand], services, "experimenter", null)).Message.ShouldBe("Not halted: runs may start.");
                var again = await LocalExperimenterCalls.Execute(commands[ExperimenterResourceBuilderExtensions.RunExperimentCommand], services, "experimenter", "catalog-kill");
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
            (await LocalExperimenterCalls.ApiTokenOf(experimenter)).ShouldNotBe(worker.Token);
            LocalExperimenterCalls.PointAt(experimenter, worker.Address.Port);
            await using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
            var abort = experimenter.Annotations.OfType<ResourceCommandAnnotation>().Single(c => c.Name == ExperimenterResourceBuilderExtensions.AbortCommand);

            var result = await LocalExperimenterCalls.Execute(abort, services, "experimenter", null);

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

        var token = await LocalExperimenterCalls.ApiTokenOf(one);

        token.Length.ShouldBeGreaterThanOrEqualTo(40);
        token.ShouldNotBe(await LocalExperimenterCalls.ApiTokenOf(two));
        one.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == ExperimenterResourceBuilderExtensions.EndpointName).IsProxied.ShouldBeFalse();
    }
}
