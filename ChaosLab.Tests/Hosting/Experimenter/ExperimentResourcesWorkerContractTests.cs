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

/// <summary>The shipped experiment resources against the real worker API (loopback, no cluster, the shipped manifests):
/// Run queues the experiment, the poller reads its run from <c>GET /api/live</c>, Abort reaches <c>/api/runs/{id}/abort</c>.</summary>
public sealed class ExperimentResourcesWorkerContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_then_poll_shows_the_run_and_Abort_reports_that_nothing_is_left_to_abort()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>([], Ct);
        var experimenter = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "experimenter");
        await using var worker = await InProcessWorker.StartAsync([
            "--Lab:Cluster:Context=",
            "--Lab:Experimenter:ExperimentsPath=" + Path.Combine(RepoPaths.Manifests, "experiments"),
            "--Lab:Experimenter:SuitesPath=" + Path.Combine(RepoPaths.Manifests, "suites"),
        ], Ct, apiToken: await LocalExperimenterCalls.ApiTokenOf(experimenter));
        try
        {
            LocalExperimenterCalls.PointAt(experimenter, worker.Address.Port);
            await using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
            var delay = builder.Resources.OfType<ExperimentResource>().Single(r => r.Name == "frontend-ad-delay");
            var commands = delay.Annotations.OfType<ResourceCommandAnnotation>().ToDictionary(c => c.Name);

            (await ExperimentStatePoller.ViewsAsync([delay], services, _ => false, Ct))[delay].State.Text.ShouldBe("Idle");

            var run = await LocalExperimenterCalls.Execute(commands[ExperimentResourceBuilderExtensions.RunCommand], services, "frontend-ad-delay", null);
            run.Success.ShouldBeTrue(run.Message);
            using var http = worker.CreateClient();
            var runs = await http.GetFromJsonAsync<JsonElement>("/api/runs", Ct);
            var runId = runs[0].GetProperty("runId").GetString()!;
            run.Message.ShouldBe($"Queued experiment 'frontend-ad-delay' as run {runId}.");

            // Without a cluster the run cannot start; the resource shows it as failed with the worker's reason.
            ExperimentView view;
            var polls = 0;
            do
            {
                view = (await ExperimentStatePoller.ViewsAsync([delay], services, _ => false, Ct))[delay];
            }
            while (ExperimentStates.Active.Contains(view.State.Text) && ++polls < 200 && await Wait());

            view.State.Text.ShouldBe("Failed");
            view.Properties.Single(p => p.Name == "chaoslab.last-run").Value.ShouldBe(runId);
            view.Properties.Single(p => p.Name == "chaoslab.failure").Value!.ShouldContain("no kube context configured");

            var abort = await LocalExperimenterCalls.Execute(commands[ExperimentResourceBuilderExtensions.AbortCommand], services, "frontend-ad-delay", null);
            abort.Success.ShouldBeFalse();
            abort.Message.ShouldBe("Nothing to abort: no queued or running run of 'frontend-ad-delay'.");

            // The per-run abort endpoint: unknown and finished runs are refused with the worker's words.
            using var finished = await http.PostAsync($"/api/runs/{runId}/abort", null, Ct);
            ((int)finished.StatusCode).ShouldBe(409);
            using var unknown = await http.PostAsync("/api/runs/nope/abort", null, Ct);
            ((int)unknown.StatusCode).ShouldBe(404);
        }
        finally
        {
            await worker.StopAsync(Ct);
        }
    }

    // A short pause between polls of a bounded loop (the worker's state changes on its own flow).
    private static async Task<bool> Wait()
    {
        await Task.Delay(TimeSpan.FromMilliseconds(50), Ct);
        return true;
    }
}
