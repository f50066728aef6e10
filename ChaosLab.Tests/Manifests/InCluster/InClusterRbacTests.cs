using System.Globalization;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Cli;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Manifests.InCluster;

/// <summary>The in-cluster experimenter's RBAC (<c>manifests/incluster/rbac.yaml</c>) against the API calls the engine
/// really makes: runs, clean and abort on the fake API server, every logged request checked against the bound rules.</summary>
public sealed class InClusterRbacTests
{
    private const string Shop = "astronomy-shop";
    private const string ServiceAccount = "chaoslab-experimenter";

    private static readonly string RbacFile = Path.Combine(RepoPaths.Manifests, "incluster", "rbac.yaml");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_request_of_a_chaos_run_a_flag_run_clean_and_abort_is_allowed_by_the_shipped_roles()
    {
        var policy = RbacPolicy.Load(RbacFile, ServiceAccount);
        await using var cluster = await FakeCluster.StartAsync(new FakeClusterOptions { DemoNamespace = Shop }, cancellationToken: Ct);
        var results = Path.Combine(cluster.ScratchDirectory, "results");
        string[] target = ["--results", results, "--kubeconfig", cluster.KubeconfigPath, "--context", FakeKubernetesApi.ContextName];

        foreach (var (name, text) in new[] { ("kill.yaml", PodKill), ("delay.yaml", NetworkDelay), ("flag.yaml", Flag) })
        {
            var file = Path.Combine(cluster.ScratchDirectory, name);
            await File.WriteAllTextAsync(file, text, Ct);
            var run = await CliRunner.RunAsync(["run", file, .. target]);
            run.ExitCode.ShouldBe(ExitCodes.Success, name + ": " + run.Output + run.Error);
        }

        (await CliRunner.RunAsync("clean", "--kubeconfig", cluster.KubeconfigPath, "--context", FakeKubernetesApi.ContextName)).ExitCode.ShouldBe(ExitCodes.Success);
        (await CliRunner.RunAsync("abort", "--kubeconfig", cluster.KubeconfigPath, "--context", FakeKubernetesApi.ContextName)).ExitCode.ShouldBe(ExitCodes.Success);

        var requests = cluster.Api.RequestLog.Where(l => !l.StartsWith(' ')).Select(ApiRequest.Parse).ToList();
        requests.Where(r => !policy.Allows(r)).Select(r => $"{r.Verb} {r.Group}/{r.Resource} ns={r.Namespace} name={r.Name}: {r.Line}").ShouldBeEmpty();

        // The runs did what the rules are for (a log without them would make the check above empty).
        var seen = requests.Select(r => (r.Group, r.Resource, r.Verb)).ToHashSet();
        seen.ShouldContain(("chaos-mesh.org", "podchaos", "create"));
        seen.ShouldContain(("chaos-mesh.org", "networkchaos", "watch"));
        seen.ShouldContain(("chaos-mesh.org", "networkchaos", "delete"));
        seen.ShouldContain(("", "configmaps", "patch"));
        seen.ShouldContain(("coordination.k8s.io", "leases", "create"));
        seen.ShouldContain(("", "namespaces", "get"));
        seen.ShouldContain(("", "pods", "watch"));
    }

    [Theory]
    [InlineData("DELETE /api/v1/namespaces/astronomy-shop/pods/frontend-1")]
    [InlineData("GET /api/v1/namespaces/astronomy-shop/secrets/chaoslab-api-token")]
    [InlineData("POST /apis/chaos-mesh.org/v1alpha1/namespaces/default/podchaos")]
    [InlineData("PATCH /api/v1/namespaces/astronomy-shop/configmaps/otel-collector")]
    [InlineData("PATCH /api/v1/namespaces/default/configmaps/flagd-config")]
    [InlineData("DELETE /apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-scheduler")]
    [InlineData("GET /api/v1/namespaces/kube-system")]
    [InlineData("POST /apis/chaos-mesh.org/v1alpha1/namespaces/astronomy-shop/workflows")]
    public void The_roles_grant_nothing_the_engine_does_not_do(string line)
    {
        var policy = RbacPolicy.Load(RbacFile, ServiceAccount);

        policy.Allows(ApiRequest.Parse(line)).ShouldBeFalse();
    }

    [Fact]
    public void No_rule_writes_outside_the_shop_namespace()
    {
        var policy = RbacPolicy.Load(RbacFile, ServiceAccount);
        string[] writes = ["create", "update", "patch", "delete", "deletecollection", "*"];

        policy.Rules.Where(r => r.Namespace != Shop && r.Verbs.Intersect(writes).Any()).Select(r => r.Source).ShouldBeEmpty();
        policy.Rules.ShouldNotContain(r => r.Resources.Contains("secrets") || r.Resources.Contains("*") || r.Verbs.Contains("*"));
    }

    [Fact]
    public async Task A_local_run_is_refused_while_the_in_cluster_experimenter_holds_the_namespace_lease()
    {
        await using var cluster = await FakeCluster.StartAsync(new FakeClusterOptions { DemoNamespace = Shop }, cancellationToken: Ct);
        var now = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        var holder = "chaoslab-experimenter-7c9d5b-x2x4q/1/20261130T163000Z-frontend-ad-delay-a1b2";
        cluster.Store.Create(FakeResourceCatalog.FindKind("Lease")!, Shop, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "chaoslab-fault-lock", ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "chaoslab" } },
            ["spec"] = new JsonObject { ["holderIdentity"] = holder, ["leaseDurationSeconds"] = 300, ["acquireTime"] = now, ["renewTime"] = now },
        });
        var file = Path.Combine(cluster.ScratchDirectory, "kill.yaml");
        await File.WriteAllTextAsync(file, PodKill, Ct);

        var run = await CliRunner.RunAsync("run", file, "--results", Path.Combine(cluster.ScratchDirectory, "results"), "--kubeconfig", cluster.KubeconfigPath, "--context", FakeKubernetesApi.ContextName);

        run.ExitCode.ShouldNotBe(ExitCodes.Success);
        (run.Output + run.Error).ShouldContain(holder);
        FakeResourceCatalog.All.Where(t => t.IsChaos).Sum(t => cluster.Store.List(t, null).Items.Count).ShouldBe(0);
    }

    private const string Probe = """
        hypothesis:
          probes:
            - name: ready
              deploymentReady:
                deployment: product-catalog
                minReadyReplicas: 1
              phases: [before, after]
        timing:
          baseline: 1s
          faultDuration: 1s
          recoveryTimeout: 10s
          cooldown: 1s
          probeInterval: 1s
        """;

    private const string PodKill = """
        name: rbac-kill
        description: kill product-catalog
        namespace: astronomy-shop
        fault:
          chaos:
            kind: PodChaos
            spec:
              action: pod-kill
              mode: one
              selector:
                labelSelectors:
                  opentelemetry.io/name: product-catalog
        guardrails:
          maxPodsAffected: 1

        """ + Probe;

    private const string NetworkDelay = """
        name: rbac-delay
        description: delay product-catalog
        namespace: astronomy-shop
        fault:
          chaos:
            kind: NetworkChaos
            spec:
              action: delay
              mode: all
              selector:
                labelSelectors:
                  opentelemetry.io/name: product-catalog
              delay:
                latency: 100ms

        """ + Probe;

    private const string Flag = """
        name: rbac-flag
        description: switch adFailure on
        namespace: astronomy-shop
        fault:
          flag:
            name: adFailure
            variant: "on"

        """ + Probe;
}
