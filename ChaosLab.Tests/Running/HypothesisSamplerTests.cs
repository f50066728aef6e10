using ChaosLab.Experimenter.Cli;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Running;

/// <summary>Sampling against the fake cluster: a probe read that fails is no evidence.</summary>
public sealed class HypothesisSamplerTests
{
    [Fact]
    public async Task One_500_on_a_deploymentReady_read_in_a_healthy_run_is_an_inconclusive_sample_retried_and_the_run_holds()
    {
        FakeCluster? cluster = null;
        FakeFaultRule? rule = null;
        // Armed when the fault is injected, so the failing read is one taken while the fault is active.
        var observer = new CallbackObserver
        {
            FaultInjected = _ => rule = cluster!.Api.Faults.Add(new FakeFaultRule { Method = "GET", PathContains = "/deployments/product-catalog", Watch = false, StatusCode = 500, Times = 1 }),
        };
        await using var harness = await RunnerHarness.StartAsync(observers: [observer]);
        cluster = harness.Cluster;
        var experiment = RunnerHarness.NetworkDelay(probes: [RunnerHarness.Ready("product-catalog", ProbePhases.All)]);

        var result = await harness.RunAsync(experiment);

        rule.ShouldNotBeNull().Hits.ShouldBe(1);
        var journal = result.Journal;
        journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", journal.Errors));
        journal.Deviated.ShouldBe(false, string.Join("; ", journal.Errors));
        result.Outcome.ShouldBe(RunOutcome.Held);
        ExitCodes.For(result.Outcome).ShouldBe(ExitCodes.Success);

        var during = journal.ProbeSamples.Where(s => s.Phase == RunPhase.Observe).ToList();
        var unread = during.Where(s => s.Inconclusive).ShouldHaveSingleItem();
        unread.Value.ShouldBeNull();
        unread.WithinTolerance.ShouldBeNull();
        unread.Error.ShouldNotBeNull().ShouldContain("500");
        // Retried within the probe interval (100 ms in the harness), and that read held.
        var retry = during[during.IndexOf(unread) + 1];
        retry.Inconclusive.ShouldBeFalse();
        retry.Value.ShouldBe(1);
        (retry.At - unread.At).ShouldBeLessThan(experiment.Timing.ProbeInterval);
        var verdict = journal.Verdicts.Single(v => v.Probe == "product-catalog-ready" && v.Phase == RunPhase.Observe);
        verdict.Held.ShouldBe(true);
        verdict.InconclusiveSamples.ShouldBe(1);
        verdict.Detail.ShouldContain("1 sample could not be read (not judged)");
    }

    [Fact]
    public async Task An_http_probe_answered_with_a_503_while_the_fault_is_active_is_evidence_and_the_run_deviates()
    {
        var faulted = 0;
        await using var endpoint = await StubHttpServer.StartAsync(context =>
        {
            context.Response.StatusCode = Volatile.Read(ref faulted) == 1 ? 503 : 200;
            return Task.CompletedTask;
        }, TestContext.Current.CancellationToken);
        var observer = new CallbackObserver { FaultInjected = _ => Volatile.Write(ref faulted, 1) };
        await using var harness = await RunnerHarness.StartAsync(observers: [observer]);
        var shop = new HttpProbe(endpoint.BaseAddress, 200, TimeSpan.FromSeconds(2)) { Name = "shop", Phases = ProbePhases.Before | ProbePhases.During };

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay(probes: [shop]));

        result.Journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", result.Journal.Errors));
        result.Outcome.ShouldBe(RunOutcome.Deviated);
        var during = result.Journal.ProbeSamples.Where(s => s.Phase == RunPhase.Observe).ToList();
        during.ShouldNotBeEmpty();
        during.ShouldAllBe(s => !s.Inconclusive && s.Value == 503 && s.WithinTolerance == false);
        result.Journal.Verdicts.Single(v => v.Probe == "shop" && v.Phase == RunPhase.Observe).Held.ShouldBe(false);
    }
}

