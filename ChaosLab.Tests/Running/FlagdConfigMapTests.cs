using ChaosLab.Experimenter.Running;
using ChaosLab.Tests.Fakes.Kubernetes;

namespace ChaosLab.Tests.Running;

/// <summary>Flag switches are read-modify-writes: conflicts re-read and retry, within a time budget.</summary>
public sealed class FlagdConfigMapTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_storm_of_conflicts_does_not_leave_a_flag_switched_on()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();
        await FlagdConfigMap.SetVariantAsync(client, "otel-demo", DemoClusterSeed.FlagdConfigMap, DemoClusterSeed.FlagdKey, "adFailure", "on", "run-1", null, Ct);
        var storm = cluster.Api.Faults.Add(new FakeFaultRule { Method = "PATCH", PathContains = "/configmaps/", StatusCode = 409, Times = 12 });

        await FlagdConfigMap.SetVariantAsync(client, "otel-demo", DemoClusterSeed.FlagdConfigMap, DemoClusterSeed.FlagdKey, "adFailure", "off", null, null, Ct);

        storm.Hits.ShouldBe(12); // more than the old five attempts
        var (_, flags) = await FlagdConfigMap.ReadAsync(client, "otel-demo", DemoClusterSeed.FlagdConfigMap, DemoClusterSeed.FlagdKey, Ct);
        flags["flags"]!["adFailure"]!["defaultVariant"]!.GetValue<string>().ShouldBe("off");
    }

    [Fact]
    public async Task A_change_made_between_read_and_patch_is_kept_and_the_patch_retried_on_the_new_version()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();
        var configMaps = FakeResourceCatalog.FindKind("ConfigMap")!;
        // Someone else writes the ConfigMap just before our first patch lands: the fake answers 409 (stale resourceVersion).
        var race = cluster.Api.Faults.Add(new FakeFaultRule
        {
            Method = "PATCH",
            PathContains = "/configmaps/",
            Times = 1,
            OnHit = () => cluster.Store.Update(configMaps, "otel-demo", DemoClusterSeed.FlagdConfigMap, c => c["metadata"]!["annotations"] = new System.Text.Json.Nodes.JsonObject { ["someone"] = "else" }),
        });

        await FlagdConfigMap.SetVariantAsync(client, "otel-demo", DemoClusterSeed.FlagdConfigMap, DemoClusterSeed.FlagdKey, "cartFailure", "on", "run-2", null, Ct);

        race.Hits.ShouldBe(1);
        var map = cluster.Store.Get(configMaps, "otel-demo", DemoClusterSeed.FlagdConfigMap);
        map["metadata"]!["annotations"]!["someone"]!.GetValue<string>().ShouldBe("else");
        map["metadata"]!["labels"]!["chaoslab.io/flag-fault"]!.GetValue<string>().ShouldBe("run-2");
    }
}
