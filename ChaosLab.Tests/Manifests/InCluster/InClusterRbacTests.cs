using System.Globalization;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Cli;
using ChaosLab.Experimenter.Experiments.Loading;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Running;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Manifests.InCluster;

/// <summary>The in-cluster experimenter's RBAC (<c>manifests/incluster/rbac.yaml</c>, and <c>rbac-online-boutique.yaml</c> for a
/// lab with Online Boutique) against the API calls the engine really makes: runs, clean and abort on the fake API server,
/// every logged request checked against the bound rules.</summary>
public sealed class InClusterRbacTests
{
    private const string Shop = "astronomy-shop";
    private const string Boutique = "online-boutique";
    private const string ServiceAccount = "chaoslab-experimenter";

    private static readonly string RbacFile = Path.Combine(RepoPaths.Manifests, "incluster", "rbac.yaml");
    private static readonly string BoutiqueRbacFile = Path.Combine(RepoPaths.Manifests, "incluster", "rbac-online-boutique.yaml");

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

    [Fact]
    public async Task Every_request_of_the_Online_Boutique_runs_clean_and_abort_is_allowed_with_rbac_online_boutique_yaml_and_not_by_rbac_yaml_alone()
    {
        var withBoutique = RbacPolicy.Load([RbacFile, BoutiqueRbacFile], ServiceAccount, Shop);
        var shopOnly = RbacPolicy.Load([RbacFile], ServiceAccount, Shop);
        await using var harness = await RunnerHarness.StartAsync(new FakeClusterOptions { DemoNamespace = Shop, BoutiqueNamespace = Boutique });
        await using var frontend = await BoutiqueFrontendStub.StartAsync(harness.Cluster.Store, Boutique, Ct);

        // The three shipped Online Boutique experiments (the online-boutique suite): PodChaos, NetworkChaos, StressChaos.
        foreach (var file in new[] { "boutique-cart-pod-kill.yaml", "boutique-frontend-catalog-delay.yaml", "boutique-currency-cpu-stress.yaml" })
        {
            var result = await harness.RunAsync(frontend.Serving(await ShippedAsync(file)));
            result.Outcome.ShouldBe(RunOutcome.Held, file + ": " + string.Join("; ", result.Journal.Errors));
        }

        // What a crashed run leaves in each namespace, for clean and abort to remove there (clean leaves a held Lease to abort).
        foreach (var ns in new[] { Shop, Boutique })
        {
            SeedLeftovers(harness.Cluster.Store, ns, lease: true);
        }

        string[] target = ["--kubeconfig", harness.Cluster.KubeconfigPath, "--context", FakeKubernetesApi.ContextName];
        var clean = await CliRunner.RunAsync(["clean", "--all", .. target]);
        clean.ExitCode.ShouldBe(ExitCodes.Success, clean.Output + clean.Error);
        foreach (var ns in new[] { Shop, Boutique })
        {
            SeedLeftovers(harness.Cluster.Store, ns, lease: false);
        }

        var abort = await CliRunner.RunAsync(["abort", .. target]);
        abort.ExitCode.ShouldBe(ExitCodes.Success, abort.Output + abort.Error);

        var requests = harness.Cluster.Api.RequestLog.Where(l => !l.StartsWith(' ')).Select(ApiRequest.Parse).ToList();
        requests.Where(r => !withBoutique.Allows(r)).Select(r => $"{r.Verb} {r.Group}/{r.Resource} ns={r.Namespace} name={r.Name}: {r.Line}").ShouldBeEmpty();

        // The runs, clean and abort did their work in Online Boutique's namespace (a log without it would prove nothing).
        var inBoutique = requests.Where(r => r.Namespace == Boutique).Select(r => (r.Group, r.Resource, r.Verb)).ToHashSet();
        inBoutique.ShouldContain(("chaos-mesh.org", "podchaos", "create"));
        inBoutique.ShouldContain(("chaos-mesh.org", "networkchaos", "watch"));
        inBoutique.ShouldContain(("chaos-mesh.org", "stresschaos", "delete"));
        inBoutique.ShouldContain(("chaos-mesh.org", "podchaos", "delete")); // clean/abort's leftover
        inBoutique.ShouldContain(("coordination.k8s.io", "leases", "create"));
        inBoutique.ShouldContain(("coordination.k8s.io", "leases", "delete"));
        inBoutique.ShouldContain(("networking.istio.io", "virtualservices", "delete"));
        inBoutique.ShouldContain(("", "pods", "watch"));
        inBoutique.ShouldContain(("apps", "deployments", "get"));
        requests.ShouldContain(r => r.Resource == "namespaces" && r.Verb == "get" && r.Name == Boutique);
        requests.ShouldNotContain(r => r.Resource == "configmaps" && r.Namespace == Boutique && r.Verb != "list"); // no flags there

        // The gap rbac-online-boutique.yaml closes: rbac.yaml alone refuses the runs' writes and the Namespace read there,
        // and what it refuses is only ever about Online Boutique.
        var refused = requests.Where(r => !shopOnly.Allows(r)).ToList();
        refused.ShouldAllBe(r => r.Namespace == Boutique || r.Name == Boutique);
        var refusedKinds = refused.Select(r => (r.Group, r.Resource, r.Verb)).ToHashSet();
        refusedKinds.ShouldContain(("chaos-mesh.org", "podchaos", "create"));
        refusedKinds.ShouldContain(("chaos-mesh.org", "stresschaos", "create"));
        refusedKinds.ShouldContain(("chaos-mesh.org", "networkchaos", "create"));
        refusedKinds.ShouldContain(("coordination.k8s.io", "leases", "create"));
        refusedKinds.ShouldContain(("", "pods", "watch"));
        refusedKinds.ShouldContain(("", "namespaces", "get"));
    }

    [Theory]
    [InlineData("PATCH /api/v1/namespaces/online-boutique/configmaps/flagd-config")]
    [InlineData("GET /api/v1/namespaces/online-boutique/configmaps/flagd-config")]
    [InlineData("DELETE /api/v1/namespaces/online-boutique/pods/cartservice-1")]
    [InlineData("GET /api/v1/namespaces/online-boutique/secrets/chaoslab-api-token")]
    [InlineData("POST /apis/chaos-mesh.org/v1alpha1/namespaces/online-boutique/workflows")]
    [InlineData("PATCH /apis/apps/v1/namespaces/online-boutique/deployments/cartservice")]
    [InlineData("GET /api/v1/namespaces/kube-system")]
    [InlineData("DELETE /api/v1/namespaces/online-boutique")]
    public void The_online_boutique_roles_grant_nothing_the_engine_does_not_do_there(string line)
    {
        var policy = RbacPolicy.Load([RbacFile, BoutiqueRbacFile], ServiceAccount, Shop);

        policy.Allows(ApiRequest.Parse(line)).ShouldBeFalse();
    }

    [Fact]
    public void With_online_boutique_nothing_cluster_wide_writes_and_the_only_other_namespace_written_is_online_boutique()
    {
        var policy = RbacPolicy.Load([RbacFile, BoutiqueRbacFile], ServiceAccount, Shop);
        string[] writes = ["create", "update", "patch", "delete", "deletecollection", "*"];

        policy.Rules.Where(r => r.Namespace is null && r.Verbs.Intersect(writes).Any()).Select(r => r.Source).ShouldBeEmpty();
        policy.Rules.Where(r => r.Verbs.Intersect(writes).Any()).Select(r => r.Namespace).Distinct().ShouldBe([Shop, Boutique], ignoreOrder: true);
        policy.Rules.ShouldNotContain(r => r.Resources.Contains("secrets") || r.Resources.Contains("*") || r.Verbs.Contains("*"));
        policy.Rules.Where(r => r.Namespace == Boutique).ShouldNotContain(r => r.Resources.Contains("configmaps"));
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

    private static async Task<Experiment> ShippedAsync(string file)
    {
        var checkedFile = await InputFiles.ValidateFileAsync(Path.Combine(RepoPaths.Manifests, "experiments", file), new ExperimentFileValidator(), Ct);
        checkedFile.IsValid.ShouldBeTrue(string.Join("; ", checkedFile.Errors));
        return checkedFile.Experiment! with { Timing = RunnerHarness.FastTiming() };
    }

    // A ChaosLab-labelled PodChaos, VirtualService and (with lease) fault Lease in ns, as a run that died with its fault in
    // place leaves them.
    private static void SeedLeftovers(FakeObjectStore store, string ns, bool lease)
    {
        JsonObject Labelled(string name) => new()
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["labels"] = new JsonObject { [ChaosLabLabels.ManagedBy] = ChaosLabLabels.ManagedByValue, [ChaosLabLabels.RunId] = "crashed-run" },
        };
        store.Create(FakeResourceCatalog.FindKind("PodChaos")!, ns, new JsonObject
        {
            ["apiVersion"] = "chaos-mesh.org/v1alpha1",
            ["kind"] = "PodChaos",
            ["metadata"] = Labelled("leftover-kill"),
            ["spec"] = new JsonObject
            {
                ["action"] = "pod-failure",
                ["mode"] = "one",
                ["duration"] = "10m",
                ["selector"] = new JsonObject { ["namespaces"] = new JsonArray(ns), ["labelSelectors"] = new JsonObject { ["app"] = "no-such-app" } },
            },
        });
        store.Create(FakeResourceCatalog.FindKind("VirtualService")!, ns, new JsonObject
        {
            ["apiVersion"] = "networking.istio.io/v1",
            ["kind"] = "VirtualService",
            ["metadata"] = Labelled("leftover-abort"),
            ["spec"] = new JsonObject { ["hosts"] = new JsonArray("frontend") },
        });
        if (!lease)
        {
            return;
        }

        var now = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        store.Create(FakeResourceCatalog.FindKind("Lease")!, ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "chaoslab-fault-lock", ["labels"] = new JsonObject { [ChaosLabLabels.ManagedBy] = ChaosLabLabels.ManagedByValue } },
            ["spec"] = new JsonObject { ["holderIdentity"] = "crashed-pod/1/crashed-run", ["leaseDurationSeconds"] = 300, ["acquireTime"] = now, ["renewTime"] = now },
        });
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
