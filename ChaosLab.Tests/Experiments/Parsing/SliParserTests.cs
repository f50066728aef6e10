using System.Text;
using ChaosLab.Experimenter.Analysis;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Validation;

namespace ChaosLab.Tests.Experiments.Parsing;

/// <summary><c>slis:</c> in an experiment file, and <c>expect.maxImpact</c> entries that name an SLI.</summary>
public sealed class SliParserTests
{
    private const string Head = """
        name: slis
        namespace: otel-demo
        fault:
          chaos:
            kind: NetworkChaos
            spec:
              action: delay
              mode: all
              duration: 2m
              selector: {labelSelectors: {opentelemetry.io/name: cart}}
              delay: {latency: 500ms}
        hypothesis:
          probes:
            - name: up
              http: {url: "http://127.0.0.1/"}

        """;

    private static InputFileResult Validate(string tail) =>
        new ExperimentFileValidator().Validate("t.yaml", Encoding.UTF8.GetBytes(Head + tail));

    [Fact]
    public void Overrides_a_band_a_tolerance_a_query_and_adds_a_custom_sli()
    {
        var result = Validate("""
            slis:
              error_ratio:
                band: {upper: 0.05}
              latency_p99_ms:
                tolerance: {spreadMultiplier: 4, absoluteFloor: 20}
              throughput_rps:
                query: 'sum by (service_name) (rate(traces_span_metrics_calls_total{$selector}[$window]))'
              queue_lag:
                query: 'sum by (service_name) (kafka_lag{$selector})'
                unit: messages
                direction: higher-is-worse
            expect:
              maxImpact:
                - sli: error_ratio
                  limit: {atMost: 0.3}
                - sli: queue_lag
                  limit: {atMost: 1000}
                - probe: up
                  limit: {atLeast: 1}
            """);

        result.Errors.ShouldBeEmpty(string.Join('\n', result.Errors));
        var e = result.Experiment.ShouldNotBeNull();
        e.Slis.Select(s => s.Name).ShouldBe(["error_ratio", "latency_p99_ms", "throughput_rps", "queue_lag"]);
        e.Slis[0].Tolerance.ShouldBe(new ToleranceRule { FixedUpper = 0.05 });
        e.Slis[1].Tolerance!.SpreadMultiplier.ShouldBe(4);
        e.Slis[1].Tolerance!.AbsoluteFloor.ShouldBe(20);
        e.Slis[1].Tolerance!.RelativeFloor.ShouldBe(0.1); // the catalogue's, kept
        e.Slis[3].ShouldBe(new SliOverride("queue_lag", "sum by (service_name) (kafka_lag{$selector})", "messages", SliDirection.HigherIsWorse, null));
        e.Expect!.SliImpact.ShouldBe([new SliImpactLimit("error_ratio", new ThresholdTolerance(ThresholdBound.AtMost, 0.3)), new SliImpactLimit("queue_lag", new ThresholdTolerance(ThresholdBound.AtMost, 1000))]);
        e.Expect.MaxImpact.ShouldHaveSingleItem().Probe.ShouldBe("up");

        var slis = SliSet.For(e.Slis);
        slis.Select(s => s.Name).ShouldBe(["throughput_rps", "error_ratio", "latency_p50_ms", "latency_p95_ms", "latency_p99_ms", "queue_lag"]);
        slis[0].Template.ShouldStartWith("sum by (service_name) (rate(");
        slis[1].Tolerance.FixedUpper.ShouldBe(0.05);
        slis[5].Direction.ShouldBe(SliDirection.HigherIsWorse);
        SliSet.WithOwnQueries(e.Slis).Select(s => s.Name).ShouldBe(["throughput_rps", "queue_lag"]);
    }

    [Fact]
    public void A_misspelt_sli_is_an_error_with_a_did_you_mean()
    {
        var result = Validate("""
            slis:
              eror_ratio:
                band: {upper: 0.05}
            """);

        result.Experiment.ShouldBeNull();
        var error = result.Errors.ShouldHaveSingleItem();
        error.Path.ShouldBe("slis.eror_ratio");
        error.Message.ShouldContain("unknown SLI 'eror_ratio' (did you mean 'error_ratio'?)");
    }

    [Fact]
    public void A_custom_sli_needs_unit_and_direction()
    {
        var result = Validate("""
            slis:
              queue_lag:
                query: 'sum by (service_name) (kafka_lag{$selector})'
            """);

        result.Errors.ShouldContain(e => e.Path == "slis.queue_lag" && e.Message.Contains("needs unit and direction"));
    }

    [Fact]
    public void A_query_that_fails_the_offline_check_is_an_error_at_its_field()
    {
        var result = Validate("""
            slis:
              latency_p99_ms:
                query: 'histogram_quantile(0.99, sum by (service_name, le) (rate(x{$selector}[$window]))'
            """);

        result.Errors.ShouldContain(e => e.Path == "slis.latency_p99_ms.query" && e.Message.Contains("unclosed '('"));
    }

    [Fact]
    public void Band_and_tolerance_together_are_an_error()
    {
        var result = Validate("""
            slis:
              error_ratio:
                band: {upper: 0.05}
                tolerance: {absoluteFloor: 0.01}
            """);

        result.Errors.ShouldContain(e => e.Path == "slis.error_ratio.band" && e.Message.Contains("not both"));
    }

    [Fact]
    public void An_impact_limit_on_an_unknown_sli_is_an_error_with_a_did_you_mean()
    {
        var result = Validate("""
            expect:
              maxImpact:
                - sli: latncy_p99_ms
                  limit: {atMost: 500}
            """);

        result.Errors.ShouldContain(e => e.Path == "expect.maxImpact[0].sli" && e.Message.Contains("did you mean 'latency_p99_ms'"));
    }
}
