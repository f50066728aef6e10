using System.Globalization;
using System.Text;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Prometheus;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Experiments;

/// <summary>
/// The Istio ad experiment's client-span probes, run on a real Prometheus holding the frontend's spans
/// named the way the demo's frontend names them. The frontend is a Node.js app whose gRPC calls are
/// traced by <c>@opentelemetry/instrumentation-grpc</c>, which names a client span <c>grpc.</c> plus the
/// method path without its leading slash: <c>grpc.oteldemo.AdService/GetAds</c>. A selector written for
/// <c>oteldemo.AdService/…</c> matches nothing (PromQL regexes are anchored), and the probe would be
/// inconclusive on a real lab.
/// </summary>
public sealed class IstioAdExperimentQueriesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("ad-error-ratio")]
    [InlineData("ad-error-ratio-under-fault")]
    public async Task The_ad_error_ratio_probe_reads_the_frontends_grpc_client_spans_to_ad_and_no_other_service(string probeName)
    {
        if (!PrometheusServer.IsInstalled)
        {
            Assert.Skip(PrometheusServer.SkipReason);
        }

        var path = Path.Combine(RepoPaths.Manifests, "experiments", "ad-istio-delay-abort.yaml");
        var result = new ExperimentFileValidator().Validate(path, await File.ReadAllBytesAsync(path, Ct));
        result.Errors.ShouldBeEmpty();
        var probe = result.Experiment.ShouldNotBeNull().Hypothesis.Probes
            .Single(p => p.Name == probeName).ShouldBeOfType<PrometheusProbe>();

        // 10 minutes at 5 s steps: ad gets 20 calls per step, 2 of them failed (10 %); cart gets 20 calls,
        // 10 failed (50 %), and the ad server's own spans 20 calls, none failed — neither may count.
        var start = DateTimeOffset.FromUnixTimeSeconds((DateTimeOffset.UtcNow.AddHours(-4).ToUnixTimeSeconds() / 60) * 60);
        var text = new StringBuilder("# TYPE traces_span_metrics_calls counter\n");
        for (var i = 0; i <= 120; i++)
        {
            var t = start.ToUnixTimeSeconds() + (i * 5);
            Series(text, "frontend", "SPAN_KIND_CLIENT", "grpc.oteldemo.AdService/GetAds", "STATUS_CODE_UNSET", i * 18, t);
            Series(text, "frontend", "SPAN_KIND_CLIENT", "grpc.oteldemo.AdService/GetAds", "STATUS_CODE_ERROR", i * 2, t);
            Series(text, "frontend", "SPAN_KIND_CLIENT", "grpc.oteldemo.CartService/GetCart", "STATUS_CODE_UNSET", i * 10, t);
            Series(text, "frontend", "SPAN_KIND_CLIENT", "grpc.oteldemo.CartService/GetCart", "STATUS_CODE_ERROR", i * 10, t);
            Series(text, "ad", "SPAN_KIND_SERVER", "oteldemo.AdService/GetAds", "STATUS_CODE_UNSET", i * 20, t);
        }

        text.Append("# EOF\n");
        await using var server = await PrometheusServer.StartAsync(text.ToString(), Ct);
        var client = new PrometheusClient(new HttpClient(), new PrometheusClientOptions { BaseAddress = server.BaseAddress }, TimeProvider.System);

        var answer = await client.QueryAsync(probe.Query, start.AddMinutes(5), Ct);

        var value = answer.ShouldBeOfType<PrometheusVector>().Series.ShouldHaveSingleItem().Samples.ShouldHaveSingleItem().Value;
        value.ShouldBe(0.1, 1e-9);
    }

    private static void Series(StringBuilder text, string service, string kind, string span, string status, long count, long unixSeconds) =>
        text.Append(CultureInfo.InvariantCulture, $"traces_span_metrics_calls_total{{service_name=\"{service}\",span_kind=\"{kind}\",span_name=\"{span}\",status_code=\"{status}\"}} {count} {unixSeconds}\n");
}
