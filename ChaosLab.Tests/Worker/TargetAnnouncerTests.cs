using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Running;
using ChaosLab.Experimenter.Worker;
using ChaosLab.Tests.Hosting;
using Microsoft.Extensions.Logging;

namespace ChaosLab.Tests.Worker;

/// <summary>What the worker says about its target at start-up.</summary>
public sealed class TargetAnnouncerTests
{
    [Fact]
    public async Task The_worker_says_where_its_http_probes_are_mapped_at_start_up()
    {
        using var logs = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var runner = new ExperimentRunnerOptions
        {
            ProbeUrlMap = new ProbeUrlMap([new ProbeUrlMapping(new Uri("http://localhost:18081/"), new Uri("http://frontend.online-boutique/"))]),
        };

        // No context: the reachability probe answers at once without a network call.
        var announcer = new TargetAnnouncer(new ClusterConnectionOptions(), runner, factory.CreateLogger<TargetAnnouncer>());
        await announcer.StartAsync(TestContext.Current.CancellationToken);
        await announcer.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await announcer.StopAsync(TestContext.Current.CancellationToken);

        logs.Entries.Select(e => e.Message).ShouldContain("HTTP probes under http://localhost:18081/ are requested at http://frontend.online-boutique/ (Lab:Runner:ProbeUrlMap)");
    }

    [Fact]
    public async Task Without_a_map_the_worker_says_nothing_about_probe_urls()
    {
        using var logs = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));

        var announcer = new TargetAnnouncer(new ClusterConnectionOptions(), new ExperimentRunnerOptions(), factory.CreateLogger<TargetAnnouncer>());
        await announcer.StartAsync(TestContext.Current.CancellationToken);
        await announcer.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await announcer.StopAsync(TestContext.Current.CancellationToken);

        logs.Entries.ShouldContain(e => e.Message.StartsWith("Experimenter targets", StringComparison.Ordinal));
        logs.Entries.ShouldNotContain(e => e.Message.Contains("ProbeUrlMap", StringComparison.Ordinal));
    }
}
