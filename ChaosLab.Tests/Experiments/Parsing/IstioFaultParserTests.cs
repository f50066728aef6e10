using System.Text;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Validation;

namespace ChaosLab.Tests.Experiments.Parsing;

/// <summary><c>fault.istio</c> in the experiment format: what it reads, and file:line:column errors for what it refuses.</summary>
public sealed class IstioFaultParserTests
{
    private const string Head = """
        name: istio-ad
        namespace: astronomy-shop
        fault:
          istio:

        """;

    private const string Tail = """
        hypothesis:
          probes:
            - name: ad-ready
              deploymentReady: {namespace: astronomy-shop, deployment: ad}
        timing:
          faultDuration: 2m

        """;

    private static InputFileResult Validate(string istio, string tail = Tail) =>
        new ExperimentFileValidator().Validate("istio.yaml", Encoding.UTF8.GetBytes(Head + istio + tail));

    private static string Errors(InputFileResult result) => string.Join(Environment.NewLine, result.Errors);

    [Fact]
    public void A_delay_and_a_grpc_abort_are_read_into_an_IstioFault()
    {
        var result = Validate("""
                service: ad
                sourceService: frontend
                method: /oteldemo.AdService/GetAds
                delay: {fixedDelay: 500ms, percentage: 100}
                abort: {grpcStatus: UNAVAILABLE, percentage: 10}

            """);

        result.Errors.ShouldBeEmpty();
        var fault = result.Experiment!.Fault.ShouldBeOfType<IstioFault>();
        fault.ShouldBe(new IstioFault("ad", new IstioDelay(TimeSpan.FromMilliseconds(500), 100), new IstioAbort(null, "UNAVAILABLE", 10), "frontend", "/oteldemo.AdService/GetAds"));
        result.Experiment.Timing.FaultDuration.ShouldBe(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public void Without_a_fault_duration_the_experiment_is_refused_because_Istio_has_none()
    {
        var result = Validate("""
                service: ad
                abort: {httpStatus: 503, percentage: 10}

            """, Tail.Replace("timing:\n  faultDuration: 2m\n", string.Empty, StringComparison.Ordinal));

        Errors(result).ShouldContain("timing.faultDuration");
        Errors(result).ShouldContain("Istio faults have no duration of their own");
    }

    [Theory]
    [InlineData("    service: add\n    abort: {httpStatus: 503, percentage: 10}\n", ":5:14: fault.istio.service: unknown demo service 'add'")]
    [InlineData("    service: kafka\n    abort: {httpStatus: 503, percentage: 10}\n", ":5:14: fault.istio.service: 'kafka' does not serve HTTP or gRPC")]
    [InlineData("    service: ad\n    abort: {grpcStatus: UNAVAILBLE, percentage: 10}\n", ":6:25: fault.istio.abort.grpcStatus: unknown gRPC status 'UNAVAILBLE'")]
    [InlineData("    service: ad\n    abort: {grpcStatus: UNAVAILABLE, httpStatus: 503, percentage: 10}\n", ":6:12: fault.istio.abort: an abort needs exactly one of httpStatus")]
    [InlineData("    service: ad\n    delay: {fixedDelay: 500us, percentage: 10}\n", ":6:25: fault.istio.delay.fixedDelay: must be at least 1ms")]
    [InlineData("    service: ad\n    delay: {fixedDelay: 500ms, percentage: 150}\n", ":6:44: fault.istio.delay.percentage: 150 is out of range")]
    [InlineData("    service: ad\n    delay: {fixedDelay: 500ms, percentage: 0}\n", ":6:44: fault.istio.delay.percentage: 0 % of calls would inject nothing")]
    [InlineData("    service: ad\n    method: GetAds\n    abort: {httpStatus: 503, percentage: 10}\n", ":6:13: fault.istio.method: 'GetAds' is not a gRPC method prefix")]
    [InlineData("    service: ad\n", ":5:5: fault.istio: an Istio fault needs delay, abort or both")]
    public void Mistakes_are_reported_at_their_line_and_column(string istio, string expected)
    {
        var result = Validate(istio);

        result.Experiment.ShouldBeNull();
        Errors(result).ShouldContain(expected);
    }

    [Fact]
    public void Two_fault_kinds_at_once_are_refused()
    {
        var result = new ExperimentFileValidator().Validate("x.yaml", Encoding.UTF8.GetBytes(Head + "    service: ad\n    abort: {httpStatus: 503, percentage: 10}\n  flag: {name: adFailure}\n" + Tail));

        Errors(result).ShouldContain("fault: a fault is one of chaos, flag or istio, not several");
    }
}
