using System.Text;
using ChaosLab.Experimenter.Experiments.Demo;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Validation;

namespace ChaosLab.Tests.Experiments;

/// <summary>What the parser builds: the typed model, defaults, bare manifests and suites.</summary>
public sealed class ExperimentParserTests
{
    private static InputFileResult Validate(string text, ExperimentValidationOptions? options = null) =>
        new ExperimentFileValidator(options).Validate("t.yaml", Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Full_experiment_becomes_the_typed_model()
    {
        var result = Validate("""
            name: full
            description: every field
            namespace: shop
            fault:
              chaos:
                kind: PodChaos
                metadata:
                  labels: {team: sre}
                spec:
                  action: pod-failure
                  mode: one
                  selector:
                    labelSelectors:
                      opentelemetry.io/name: cart
            hypothesis:
              probes:
                - name: errors
                  prometheus: {query: "sum(rate(x[1m]))"}
                  tolerance: {atMost: 0.05}
                  phases: [before, after]
                - name: p95
                  prometheus: {query: "histogram_quantile(0.95, y)"}
                  tolerance:
                    relativeToBaseline: {maxIncreasePercent: 50, maxDecreasePercent: 10, absoluteFloor: 20}
                - name: rate
                  prometheus: {query: "z"}
                  tolerance: {range: {min: 1, max: 100}}
                - name: shop
                  http: {url: "http://127.0.0.1:8080/", expectedStatus: 200, timeout: 2s}
                - name: cart-ready
                  deploymentReady: {deployment: cart, minReadyReplicas: 1}
                  phases: all
            timing:
              baseline: 90s
              faultDuration: 45s
              recoveryTimeout: 4m
              cooldown: 0s
              probeInterval: 2s
            guardrails:
              maxPodsAffected: 1
              abortWhen:
                - probe: errors
                  hardLimit: {atMost: 0.5}
                  for: 20s
            expect:
              maxRecoveryTime: 90s
              maxImpact:
                - probe: p95
                  limit: {atMost: 3000}
            """);
        result.Errors.ShouldBeEmpty(string.Join('\n', result.Errors));
        var e = result.Experiment.ShouldNotBeNull();
        e.Name.ShouldBe("full");
        e.Namespace.ShouldBe("shop");
        e.Source.ShouldBe("t.yaml");
        var fault = e.Fault.ShouldBeOfType<ChaosMeshFault>();
        fault.Kind.ShouldBe(ChaosKind.PodChaos);
        fault.Action.ShouldBe("pod-failure");
        fault.IsOneShot.ShouldBeFalse();
        fault.Manifest["metadata"]!["labels"]!["team"]!.GetValue<string>().ShouldBe("sre");

        e.Hypothesis.Probes.Count.ShouldBe(5);
        var errors = e.Hypothesis.Probes[0].ShouldBeOfType<PrometheusProbe>();
        errors.Tolerance.ShouldBe(new ThresholdTolerance(ThresholdBound.AtMost, 0.05));
        errors.Phases.ShouldBe(ProbePhases.Before | ProbePhases.After);
        e.Hypothesis.Probes[1].ShouldBeOfType<PrometheusProbe>().Tolerance.ShouldBe(new RelativeToBaselineTolerance(50, 10, 20));
        e.Hypothesis.Probes[1].Phases.ShouldBe(ProbePhases.All);
        e.Hypothesis.Probes[2].ShouldBeOfType<PrometheusProbe>().Tolerance.ShouldBe(new RangeTolerance(1, 100));
        var http = e.Hypothesis.Probes[3].ShouldBeOfType<HttpProbe>();
        http.Url.ShouldBe(new Uri("http://127.0.0.1:8080/"));
        http.Timeout.ShouldBe(TimeSpan.FromSeconds(2));
        var ready = e.Hypothesis.Probes[4].ShouldBeOfType<DeploymentReadyProbe>();
        ready.Deployment.ShouldBe("cart");
        ready.Namespace.ShouldBeNull();

        e.Timing.ShouldBe(new Timing(TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(45), TimeSpan.FromMinutes(4), TimeSpan.Zero, TimeSpan.FromSeconds(2)));
        e.Guardrails.MaxPodsAffected.ShouldBe(1);
        e.Guardrails.AbortWhen.ShouldHaveSingleItem().ShouldBe(new AbortCondition("errors", new ThresholdTolerance(ThresholdBound.AtMost, 0.5), TimeSpan.FromSeconds(20)));
        var expect = e.Expect.ShouldNotBeNull();
        expect.MaxRecoveryTime.ShouldBe(TimeSpan.FromSeconds(90));
        expect.MaxImpact.ShouldHaveSingleItem().ShouldBe(new ImpactLimit("p95", new ThresholdTolerance(ThresholdBound.AtMost, 3000)));
    }

    [Fact]
    public void Defaults_fill_what_is_left_out()
    {
        var result = Validate("""
            name: minimal
            namespace: otel-demo
            fault:
              chaos:
                kind: PodChaos
                spec:
                  action: pod-kill
                  mode: one
                  selector: {labelSelectors: {opentelemetry.io/name: cart}}
            hypothesis:
              probes:
                - name: up
                  http: {url: "http://127.0.0.1/"}
            """);
        result.Errors.ShouldBeEmpty(string.Join('\n', result.Errors));
        var e = result.Experiment.ShouldNotBeNull();
        e.Description.ShouldBeEmpty();
        e.Timing.ShouldBe(new Timing(Timing.DefaultBaseline, Timing.DefaultOneShotWindow, Timing.DefaultRecoveryTimeout, Timing.DefaultCooldown, Timing.DefaultProbeInterval));
        e.Guardrails.ShouldBe(Guardrails.None);
        e.Expect.ShouldBeNull();
        e.Hypothesis.Probes[0].ShouldBeOfType<HttpProbe>().ExpectedStatus.ShouldBe(200);
    }

    [Fact]
    public void Spec_duration_serves_as_the_fault_duration_and_must_agree_with_timing()
    {
        const string template = """
            name: d
            namespace: otel-demo
            fault:
              chaos:
                kind: NetworkChaos
                spec:
                  action: partition
                  mode: one
                  duration: 2m
                  selector: {labelSelectors: {opentelemetry.io/name: cart}}
            hypothesis:
              probes: [{name: up, http: {url: "http://127.0.0.1/"}}]

            """;
        Validate(template).Experiment!.Timing.FaultDuration.ShouldBe(TimeSpan.FromMinutes(2));
        Validate(template + "timing: {faultDuration: 120s}\n").Experiment!.Timing.FaultDuration.ShouldBe(TimeSpan.FromMinutes(2));
        Validate(template + "timing: {faultDuration: 1m}\n").Errors.ShouldContain(e => e.Path == "timing.faultDuration" && e.Message.Contains("differs from the Chaos Mesh object's spec.duration (2m0s)"));
    }

    [Fact]
    public void Flag_fault_defaults_to_on_and_restores_the_flags_default()
    {
        var result = Validate("""
            name: f
            namespace: otel-demo
            fault:
              flag:
                name: cartFailure
                variant: 50%
                configMap: {namespace: shop, name: flags, key: flags.json}
            hypothesis:
              probes: [{name: up, http: {url: "http://127.0.0.1/"}}]
            timing: {faultDuration: 30s}
            """);
        result.Errors.ShouldBeEmpty(string.Join('\n', result.Errors));
        result.Experiment!.Fault.ShouldBe(new FlagFault("cartFailure", "50%", "off", new FlagdConfigMapLocation("shop", "flags", "flags.json")));
    }

    [Fact]
    public void A_flag_fault_needs_a_duration_too()
    {
        var result = Validate("""
            name: f
            namespace: otel-demo
            fault:
              flag: {name: adFailure}
            hypothesis:
              probes: [{name: up, http: {url: "http://127.0.0.1/"}}]
            """);
        result.Errors.ShouldContain(e => e.Path == "timing.faultDuration" && e.Message.Contains("a flag is switched back after it"));
    }

    [Fact]
    public void Bare_manifest_gets_the_default_hypothesis_for_its_service()
    {
        var result = Validate("""
            kind: NetworkChaos
            apiVersion: chaos-mesh.org/v1alpha1
            metadata:
              name: network-fault-experiment
            spec:
              selector:
                labelSelectors:
                  app.kubernetes.io/component: frontend
              mode: all
              action: delay
              duration: 10m
              delay: {latency: 1000ms}
            """);
        result.Errors.ShouldBeEmpty(string.Join('\n', result.Errors));
        result.Kind.ShouldBe(InputKind.BareManifest);
        var e = result.Experiment.ShouldNotBeNull();
        e.FromBareManifest.ShouldBeTrue();
        e.Namespace.ShouldBe(ExperimentValidationOptions.Default.DefaultNamespace);
        e.Timing.FaultDuration.ShouldBe(TimeSpan.FromMinutes(10));
        e.Hypothesis.ShouldBeEquivalentTo(DefaultHypothesis.For("frontend", e.Namespace));
        e.Hypothesis.Probes.OfType<PrometheusProbe>().ShouldAllBe(p => p.Query.Contains("service_name=\"frontend\""));
    }

    [Fact]
    public void Suite_with_cron_schedule()
    {
        var result = Validate("""
            name: nightly
            schedule: {cron: "0 3 * * *", timeZone: UTC}
            cooldown: 2m
            experiments:
              - a.yaml
              - {experiment: b.yaml, cooldown: 30s}
            """);
        result.Errors.ShouldBeEmpty(string.Join('\n', result.Errors));
        var suite = result.Suite.ShouldNotBeNull();
        suite.Schedule.ShouldBe(new CronSchedule("0 3 * * *", false, "UTC"));
        suite.DefaultCooldown.ShouldBe(TimeSpan.FromMinutes(2));
        suite.Experiments.ShouldBe([new SuiteEntry("a.yaml", null), new SuiteEntry("b.yaml", TimeSpan.FromSeconds(30))]);
    }

    [Fact]
    public void An_impact_limit_on_a_probe_never_sampled_during_the_fault_is_refused_with_its_position_and_the_fix()
    {
        var result = Validate("""
            name: impact
            namespace: shop
            fault:
              flag: {name: adFailure}
            hypothesis:
              probes:
                - name: p95
                  prometheus: {query: "histogram_quantile(0.95, y)"}
                  tolerance: {atMost: 100}
                  phases: [before, after]
            timing:
              faultDuration: 30s
            expect:
              maxImpact:
                - probe: p95
                  limit: {atMost: 3000}
            """);

        result.Experiment.ShouldBeNull();
        var error = result.Errors.ShouldHaveSingleItem();
        error.ToString().ShouldStartWith("t.yaml:15:14: expect.maxImpact[0].probe: probe 'p95' has phases [before, after] and is never sampled during the fault");
        error.Message.ShouldContain("add 'during' to the probe's phases");
        error.Message.ShouldContain("phases: [during]");
    }

    [Theory]
    [InlineData("[during]")]
    [InlineData("[before, during]")]
    [InlineData("all")]
    public void An_impact_limit_on_a_probe_sampled_during_the_fault_is_accepted(string phases)
    {
        var result = Validate($"""
            name: impact
            namespace: shop
            fault:
              flag: {"{"}name: adFailure{"}"}
            hypothesis:
              probes:
                - name: p95
                  prometheus: {"{"}query: "histogram_quantile(0.95, y)"{"}"}
                  tolerance: {"{"}atMost: 5000{"}"}
                  phases: {phases}
            timing:
              faultDuration: 30s
            expect:
              maxImpact:
                - probe: p95
                  limit: {"{"}atMost: 3000{"}"}
            """);

        result.Errors.ShouldBeEmpty(string.Join('\n', result.Errors));
        result.Experiment!.Expect!.MaxImpact.ShouldHaveSingleItem().Probe.ShouldBe("p95");
    }

    [Fact]
    public void Flag_catalog_is_the_demos_flag_file()
    {
        var names = FlagCatalog.Demo.Flags.Select(f => f.Name).ToList();
        names.ShouldContain("adFailure");
        names.ShouldContain("paymentFailure");
        names.ShouldContain("productCatalogFailure");
        FlagCatalog.Demo.Find("cartFailure")!.Variants.ShouldContain("100%");
    }
}
