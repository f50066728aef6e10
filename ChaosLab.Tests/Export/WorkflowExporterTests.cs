using System.Text;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Export;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Export;

/// <summary>Suites and experiments as Chaos Mesh Workflows.</summary>
public sealed class WorkflowExporterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<ExportSources.Loaded> Load(string file)
    {
        var loaded = await ExportSources.LoadAsync(file, new ExperimentFileValidator(), Ct);
        loaded.Errors.ShouldBeEmpty();
        return loaded;
    }

    private static JsonObject Template(JsonObject workflow, string name) =>
        workflow["spec"]!["templates"]!.AsArray().Select(t => t!.AsObject()).Single(t => t["name"]!.GetValue<string>() == name);

    public static TheoryData<string> Suites() => [.. ExportTestSupport.Shipped("suites")];

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task Every_shipped_suite_exports_to_a_workflow_that_passes_the_CRD_schema_and_our_validation(string suite)
    {
        var loaded = await Load(suite);
        if (loaded.SuiteExperiments.All(e => e.Fault is IstioFault))
        {
            // The Istio suite: a VirtualService is no Chaos Mesh kind, so nothing of it runs in-cluster, and export says why.
            Should.Throw<ExportException>(() => WorkflowExporter.Export(loaded.Suite!, loaded.SuiteExperiments)).Message.ShouldContain("Istio fault");
            return;
        }

        var result = WorkflowExporter.Export(loaded.Suite!, loaded.SuiteExperiments);

        var (valid, errors) = ExportTestSupport.Evaluate(result.Manifest);
        valid.ShouldBeTrue(errors);
        var text = ExportWriter.Write(result);
        var check = new ExperimentFileValidator().Validate("export.yaml", Encoding.UTF8.GetBytes(text));
        check.Errors.ShouldBeEmpty();
        check.InCluster!.Kind.ShouldBe(InClusterKind.Workflow);
    }

    [Fact]
    public async Task The_default_suite_runs_its_chaos_experiments_in_order_with_cooldowns_as_suspends()
    {
        var loaded = await Load(Path.Combine(RepoPaths.Manifests, "suites", "default.yaml"));
        var workflow = WorkflowExporter.Export(loaded.Suite!, loaded.SuiteExperiments).Manifest;

        workflow["spec"]!["entry"]!.GetValue<string>().ShouldBe("default-serial");
        var entry = Template(workflow, "default-serial");
        entry["templateType"]!.GetValue<string>().ShouldBe("Serial");
        // The two flag experiments are left out; the suite's 1m cooldown follows every step but the last.
        entry["children"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(
        [
            "recommendation-cpu-stress", "recommendation-cpu-stress-cooldown",
            "frontend-product-catalog-delay", "frontend-product-catalog-delay-cooldown",
            "frontend-ad-delay", "frontend-ad-delay-cooldown",
            "shipping-quote-http-delay", "shipping-quote-http-delay-cooldown",
            "frontend-checkout-partition", "frontend-checkout-partition-cooldown",
            "product-catalog-pod-kill",
        ]);
        var cooldown = Template(workflow, "frontend-ad-delay-cooldown");
        cooldown["templateType"]!.GetValue<string>().ShouldBe("Suspend");
        cooldown["deadline"]!.GetValue<string>().ShouldBe("1m0s");

        // Each fault is a chaos template whose deadline is the fault duration (90s for the HTTP delay).
        var http = Template(workflow, "shipping-quote-http-delay");
        http["templateType"]!.GetValue<string>().ShouldBe("HTTPChaos");
        http["deadline"]!.GetValue<string>().ShouldBe("1m30s");
        http["httpChaos"]!["delay"]!.GetValue<string>().ShouldBe("2s");
        http["httpChaos"]!["selector"]!["namespaces"]!.AsArray().Single()!.GetValue<string>().ShouldBe("astronomy-shop");
        http["httpChaos"]!.AsObject().ContainsKey("duration").ShouldBeFalse();

        var labels = workflow["metadata"]!["labels"]!.AsObject();
        labels[ExportLabels.PartOf]!.GetValue<string>().ShouldBe("chaoslab");
        labels[ExportLabels.Suite]!.GetValue<string>().ShouldBe("default");
        labels.ContainsKey(ChaosLabLabels.ManagedBy).ShouldBeFalse();
    }

    [Fact]
    public async Task What_cannot_run_in_cluster_is_listed_not_dropped()
    {
        var loaded = await Load(Path.Combine(RepoPaths.Manifests, "suites", "default.yaml"));
        var result = WorkflowExporter.Export(loaded.Suite!, loaded.SuiteExperiments);

        result.NotExported.ShouldContain(n => n.StartsWith("ad-failure-flag: the flag fault (flagd flag 'adFailure'", StringComparison.Ordinal));
        result.NotExported.ShouldContain(n => n.StartsWith("shipping-quote-http-delay: hypothesis probe 'shipping-error-ratio' (a Prometheus query", StringComparison.Ordinal));
        result.NotExported.ShouldContain(n => n.StartsWith("product-catalog-pod-kill: hypothesis probe 'product-catalog-ready' (deployment product-catalog ready)", StringComparison.Ordinal));
        result.NotExported.ShouldContain(n => n.StartsWith("product-catalog-pod-kill: guardrail abortWhen on 'frontend-error-ratio'", StringComparison.Ordinal));
        result.NotExported.ShouldContain(n => n.StartsWith("product-catalog-pod-kill: expect (maxImpact, maxRecoveryTime)", StringComparison.Ordinal));
        result.NotExported.ShouldContain(n => n.Contains("SLI analysis", StringComparison.Ordinal));

        var text = ExportWriter.Write(result);
        var comment = text[..text.IndexOf("---", StringComparison.Ordinal)];
        comment.ShouldContain("#   - ad-failure-flag: the flag fault");
        comment.ShouldContain("#   - shipping-quote-http-delay: hypothesis probe 'shipping-p95-ms'");
        comment.Split('\n').Count(l => l.StartsWith("#   - ", StringComparison.Ordinal)).ShouldBe(result.NotExported.Count);
    }

    [Fact]
    public void HTTP_probes_become_status_checks_that_abort_the_workflow()
    {
        var experiment = HttpProbed();
        var result = WorkflowExporter.Export(experiment);
        var workflow = result.Manifest;
        ExportTestSupport.Evaluate(workflow).Valid.ShouldBeTrue(ExportTestSupport.Evaluate(workflow).Errors);

        Template(workflow, "cart-delay")["children"]!.AsArray().Select(c => c!.GetValue<string>())
            .ShouldBe(["cart-delay-frontend-up-before", "cart-delay-during", "cart-delay-frontend-up-after"]);
        Template(workflow, "cart-delay-during")["templateType"]!.GetValue<string>().ShouldBe("Parallel");
        Template(workflow, "cart-delay-during")["children"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["cart-delay-fault", "cart-delay-frontend-up-during"]);

        var during = Template(workflow, "cart-delay-frontend-up-during");
        during["templateType"]!.GetValue<string>().ShouldBe("StatusCheck");
        during["abortWithStatusCheck"]!.GetValue<bool>().ShouldBeTrue();
        during["deadline"]!.GetValue<string>().ShouldBe("45s");
        var check = during["statusCheck"]!;
        check["mode"]!.GetValue<string>().ShouldBe("Continuous");
        check["type"]!.GetValue<string>().ShouldBe("HTTP");
        check["failureThreshold"]!.GetValue<int>().ShouldBe(3);
        check["intervalSeconds"]!.GetValue<int>().ShouldBe(5);
        check["timeoutSeconds"]!.GetValue<int>().ShouldBe(2);
        check["http"]!["url"]!.GetValue<string>().ShouldBe("http://frontend-proxy:8080/");
        check["http"]!["criteria"]!["statusCode"]!.GetValue<string>().ShouldBe("204");

        var after = Template(workflow, "cart-delay-frontend-up-after");
        after["statusCheck"]!["mode"]!.GetValue<string>().ShouldBe("Synchronous");
        after["deadline"]!.GetValue<string>().ShouldBe("3m0s");
        Template(workflow, "cart-delay-fault")["deadline"]!.GetValue<string>().ShouldBe("45s");

        var text = ExportWriter.Write(result);
        new ExperimentFileValidator().Validate("x.yaml", Encoding.UTF8.GetBytes(text)).Errors.ShouldBeEmpty();
    }

    [Fact]
    public void A_flag_experiment_alone_cannot_be_exported()
    {
        var flag = HttpProbed() with { Fault = new FlagFault("adFailure", "on", "off", FlagdConfigMapLocation.Default) };
        Should.Throw<ExportException>(() => WorkflowExporter.Export(flag)).Message.ShouldContain("flag fault (flagd flag 'adFailure'");
    }

    internal static Experiment HttpProbed()
    {
        var spec = new JsonObject
        {
            ["action"] = "delay",
            ["mode"] = "all",
            ["selector"] = new JsonObject { ["labelSelectors"] = new JsonObject { ["opentelemetry.io/name"] = "cart" } },
            ["delay"] = new JsonObject { ["latency"] = "100ms" },
        };
        var fault = new ChaosMeshFault(ChaosKind.NetworkChaos, new JsonObject { ["apiVersion"] = ChaosKinds.ApiVersion, ["kind"] = "NetworkChaos", ["spec"] = spec });
        var probe = new HttpProbe(new Uri("http://frontend-proxy:8080/"), 204, TimeSpan.FromMilliseconds(1500)) { Name = "frontend-up" };
        var timing = new Timing(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(45), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5));
        return new Experiment("cart-delay", "d", "astronomy-shop", fault, new Hypothesis([probe]), timing, Guardrails.None, null);
    }
}
