using ChaosLab.Experimenter.Analysis.Journal;
using ChaosLab.Experimenter.Experiments.Demo;
using ChaosLab.Experimenter.Experiments.Loading;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Running;
using ChaosLab.Tests.Running;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Experiments;

/// <summary>Which demo service a fault hits is one fact: the run, <c>analyze --journal</c> and the bare-manifest default
/// hypothesis agree. The expected services are written out by hand from the demo's own code, not computed.</summary>
public sealed class DemoServicesTests
{
    // The service whose code reads each flag of the demo's flag file (chart 0.41.0).
    public static TheoryData<string, string> Flags() => new()
    {
        { "adFailure", "ad" },
        { "adHighCpu", "ad" },
        { "adManualGc", "ad" },
        { "cartFailure", "cart" },
        { "emailMemoryLeak", "email" },
        { "failedReadinessProbe", "cart" },          // cart's readiness check reads it
        { "imageSlowLoad", "frontend" },            // the browser code reads it and asks frontend-proxy to delay images
        { "intlShippingSlowdown", "shipping" },
        { "kafkaQueueProblems", "checkout" },       // checkout floods the orders topic (fraud-detection also slows its consumer)
        { "loadGeneratorTraffic", "load-generator" },
        { "loadGeneratorVUs", "load-generator" },
        { "paymentFailure", "payment" },            // payment fails the charge itself
        { "paymentUnreachable", "checkout" },       // checkout dials a bad payment address; payment is untouched
        { "productCatalogFailure", "product-catalog" },
        { "recommendationCacheFailure", "recommendation" },
    };

    // The service each shipped experiment targets: the selector's pods, or the flag's reader.
    public static TheoryData<string, string> ShippedExperiments() => new()
    {
        { "ad-failure-flag.yaml", "ad" },
        { "ad-istio-delay-abort.yaml", "ad" },
        { "checkout-payment-unreachable-flag.yaml", "checkout" },
        { "frontend-ad-delay.yaml", "frontend" },
        { "frontend-checkout-partition.yaml", "frontend" },
        { "frontend-product-catalog-delay.yaml", "frontend" },
        { "product-catalog-pod-kill.yaml", "product-catalog" },
        { "recommendation-cpu-stress.yaml", "recommendation" },
        { "shipping-quote-http-delay.yaml", "quote" },
    };

    [Theory]
    [MemberData(nameof(Flags))]
    public void A_flag_fault_targets_the_service_whose_code_reads_the_flag_in_a_run_and_in_a_journal(string flag, string service)
    {
        var fault = new FlagFault(flag, "on", "off", FlagdConfigMapLocation.Default);

        DemoServices.TargetOf(fault).ShouldBe(service);
        JournalAnalysisTarget.Service(JournalOf(fault)).ShouldBe(service);
    }

    [Fact]
    public void Every_flag_of_the_demo_belongs_to_exactly_one_service_and_is_listed_above()
    {
        var listed = Flags().Select(row => row.Data.Item1).Order(StringComparer.Ordinal).ToList();
        FlagCatalog.Demo.Flags.Select(f => f.Name).Order(StringComparer.Ordinal).ShouldBe(listed);
        DemoServices.All.SelectMany(s => s.ReadsFlags).Order(StringComparer.Ordinal).ToList().ShouldBe(listed, "each flag once, under the service that reads it");
    }

    [Theory]
    [MemberData(nameof(ShippedExperiments))]
    public async Task A_shipped_experiment_targets_the_same_service_in_a_run_and_in_a_journal(string file, string service)
    {
        var checkedFile = await InputFiles.ValidateFileAsync(Path.Combine(RepoPaths.Manifests, "experiments", file), new ExperimentFileValidator(), TestContext.Current.CancellationToken);
        var experiment = checkedFile.Experiment.ShouldNotBeNull(string.Join("; ", checkedFile.Errors));

        DemoServices.TargetOf(experiment.Fault).ShouldBe(service);
        JournalAnalysisTarget.Service(JournalOf(experiment.Fault)).ShouldBe(service);
    }

    [Fact]
    public void Every_shipped_experiment_is_listed_above()
    {
        // The Astronomy Shop's: Online Boutique's (boutique-*) are listed in OnlineBoutiqueWorkloadTests.
        var listed = ShippedExperiments().Select(row => row.Data.Item1).Order(StringComparer.Ordinal);
        Directory.GetFiles(Path.Combine(RepoPaths.Manifests, "experiments"), "*.yaml").Select(Path.GetFileName)
            .Where(f => !f!.StartsWith(ShippedBoutiqueExperimentsTests.Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ShouldBe(listed);
    }

    [Fact]
    public void A_bare_manifest_gets_the_default_hypothesis_of_the_service_its_selector_names_by_any_component_label()
    {
        var result = new ExperimentFileValidator().Validate("bare.yaml", System.Text.Encoding.UTF8.GetBytes("""
            apiVersion: chaos-mesh.org/v1alpha1
            kind: PodChaos
            metadata: {name: kill-cart}
            spec:
              action: pod-kill
              mode: one
              selector:
                labelSelectors: {app.kubernetes.io/component: cart}
            """));

        result.Experiment.ShouldNotBeNull(string.Join("; ", result.Errors)).Hypothesis.Probes.Select(p => p.Name).ShouldBe(["cart-error-ratio", "cart-p95-ms", "cart-ready"]);
    }

    // A journal as `analyze --journal` reads it: the experiment as run, without the service the runner records.
    private static RunJournal JournalOf(Fault fault)
    {
        var experiment = new Experiment("x", "x", "otel-demo", fault, new Hypothesis([RunnerHarness.Ready("cart")]), RunnerHarness.FastTiming(), Guardrails.None, null);
        return new RunJournal { RunId = "r", Experiment = "x", StartedAt = DateTimeOffset.UnixEpoch, ExperimentAsRun = ExperimentSnapshot.From(experiment) };
    }
}
