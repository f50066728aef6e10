using System.Text;
using System.Text.RegularExpressions;
using ChaosLab.Experimenter.Experiments.Validation;

namespace ChaosLab.Tests.Experiments;

/// <summary>
/// Chaos Mesh 2.8.3's admission webhook rules, one valid and one invalid case each, through the
/// validator on bare manifests (so positions are real). Expected texts are written by hand.
/// </summary>
public sealed class WebhookRulesTests
{
    // Spec starts on line 5 (its first key at 6:3); extra spec lines start on line 11, column 3 (errors point at the key).
    private static string Manifest(string kind, string extra, string service = "ad") => $"""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: {kind}
        metadata:
          name: t
        spec:
          mode: one
          selector:
            labelSelectors:
              opentelemetry.io/name: {service}

        """ + (extra.Contains("duration:", StringComparison.Ordinal) ? string.Empty : "  duration: 30s\n") + string.Concat(extra.Split('\n').Where(l => l.Length > 0).Select(l => "  " + l + "\n"));

    private static IReadOnlyList<string> Errors(string yaml) =>
        [.. new ExperimentFileValidator().Validate("m.yaml", Encoding.UTF8.GetBytes(yaml)).Errors.Select(e => e.ToString())];

    public static TheoryData<string, string, string, string> Invalid() => new()
    {
        { "container-kill without containerNames", "PodChaos", "action: container-kill", @"^m\.yaml:6:3: spec\.containerNames: container-kill needs containerNames" },
        { "externalTargets with direction from", "NetworkChaos", "action: delay\ndelay: {latency: 10ms}\ndirection: from\ntarget: {mode: one, selector: {labelSelectors: {opentelemetry.io/name: cart}}}\nexternalTargets: [example.com]", @"^m\.yaml:13:3: spec\.direction: externalTargets cannot be used with direction 'from'" },
        { "direction both without target", "NetworkChaos", "action: loss\nloss: {loss: \"5\"}\ndirection: both", @"spec\.target: direction 'both' needs a target" },
        { "partition from with neither target nor externalTargets", "NetworkChaos", "action: partition\ndirection: from", @"^m\.yaml:12:3: spec\.direction: direction 'from' needs a target or externalTargets" },
        { "decimal bandwidth rate", "NetworkChaos", "action: bandwidth\nbandwidth: {rate: 1.5mbps, limit: 100, buffer: 100}", @"^m\.yaml:12:15: spec\.bandwidth\.rate: '1\.5mbps' is not a rate; expected a whole number with a tc unit" },
        { "rate without a unit", "NetworkChaos", "action: bandwidth\nbandwidth: {rate: \"100\", limit: 100, buffer: 100}", @"spec\.bandwidth\.rate: '100' is not a rate" },
        { "lower-case HTTP method", "HTTPChaos", "target: Request\nport: 8080\nabort: true\nmethod: get", @"^m\.yaml:14:3: spec\.method: method 'get' is not supported \(methods are upper case: GET\)" },
        { "HTTP method that does not exist", "HTTPChaos", "target: Response\nport: 8080\nabort: true\nmethod: FETCH", @"spec\.method: method 'FETCH' is not supported; expected one of GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS, TRACE, CONNECT" },
        { "HTTP port 0", "HTTPChaos", "target: Request\nport: 0\nabort: true", @"spec\.port: 0 is out of range" },
        { "IOChaos fault with errno 0", "IOChaos", "action: fault\nvolumePath: /data\nerrno: 0", @"^m\.yaml:13:3: spec\.errno: errno 0 is not an error" },
        { "IOChaos fault without errno", "IOChaos", "action: fault\nvolumePath: /data", @"spec\.errno: action 'fault' needs an errno" },
        { "IOChaos latency without delay", "IOChaos", "action: latency\nvolumePath: /data", @"spec\.delay: action 'latency' needs a delay" },
        { "stressors block with neither cpu nor memory", "StressChaos", "stressors: {}\nstressngStressors: \"--cpu 1\"", @"spec\.stressors: stressors has neither cpu" },
        { "decimal memory percentage", "StressChaos", "stressors: {memory: {workers: 1, size: 25.5%}}", @"spec\.stressors\.memory\.size: '25\.5%' is not a memory size" },
        { "memory size with a bare binary prefix", "StressChaos", "stressors: {memory: {workers: 1, size: 1Ki}}", @"spec\.stressors\.memory\.size: '1Ki' is not a memory size" },
        { "timeOffset that is not a duration", "TimeChaos", "timeOffset: ten", @"^m\.yaml:11:3: spec\.timeOffset: 'ten' is not a duration" },
        { "JVM stress with neither cpuCount nor memType", "JVMChaos", "action: stress", @"^m\.yaml:6:3: spec: action 'stress' needs one of cpuCount .* or memType" },
        { "JVM stress with both cpuCount and memType", "JVMChaos", "action: stress\ncpuCount: 1\nmemType: heap", @"spec: action 'stress' takes cpuCount or memType, not both" },
        { "JVM stress with an unknown memType", "JVMChaos", "action: stress\nmemType: disk", @"spec\.memType: 'disk' is not a memory type; expected stack or heap" },
        { "JVM exception without class, method, exception", "JVMChaos", "action: exception", @"spec\.class: action 'exception' needs class" },
        { "JVM exception without the exception", "JVMChaos", "action: exception\nclass: A\nmethod: b", @"spec\.exception: action 'exception' needs exception" },
        { "JVM return without returnValue", "JVMChaos", "action: return\nclass: A\nmethod: b", @"spec\.returnValue: action 'return' needs returnValue" },
        { "JVM latency without latency", "JVMChaos", "action: latency\nclass: A\nmethod: b", @"spec\.latency: action 'latency' needs latency" },
        { "JVM ruleData without rule", "JVMChaos", "action: ruleData", @"spec\.ruleData: action 'ruleData' needs ruleData" },
        { "JVM mysql with connector 6", "JVMChaos", "action: mysql\nmysqlConnectorVersion: \"6\"\nlatency: 100", @"spec\.mysqlConnectorVersion: '6' is not supported; expected ""5"" .* or ""8""" },
        { "JVM mysql with neither exception nor latency", "JVMChaos", "action: mysql\nmysqlConnectorVersion: \"8\"", @"spec: action 'mysql' needs one of exception or latency" },
        { "KernelChaos failtype 3", "KernelChaos", "failKernRequest: {failtype: 3}", @"spec\.failKernRequest\.failtype: 3 is out of range; allowed: 0 to 2" },
        { "remoteCluster", "PodChaos", "action: pod-failure\nremoteCluster: east", @"^m\.yaml:12:3: spec\.remoteCluster: remoteCluster 'east' puts the fault in another cluster, where none of ChaosLab's checks look" },
        { "duration that is not a duration", "DNSChaos", "action: error\npatterns: [example.com]\nduration: soon", @"spec\.duration: 'soon' is not a duration" },
    };

    public static TheoryData<string, string, string> Valid() => new()
    {
        { "container-kill with containerNames", "PodChaos", "action: container-kill\ncontainerNames: [ad]" },
        { "partition from with externalTargets only", "NetworkChaos", "action: partition\ndirection: from\nexternalTargets: [example.com]" },
        { "externalTargets with direction to", "NetworkChaos", "action: delay\ndelay: {latency: 10ms}\nexternalTargets: [example.com]" },
        { "tc rate unit kbit", "NetworkChaos", "action: bandwidth\nbandwidth: {rate: 800kbit, limit: 100, buffer: 100}" },
        { "tc rate unit mbit in capitals with a space", "NetworkChaos", "action: bandwidth\nbandwidth: {rate: 10 MBIT, limit: 100, buffer: 100}" },
        { "rate unit bps", "NetworkChaos", "action: bandwidth\nbandwidth: {rate: 125000bps, limit: 100, buffer: 100}" },
        { "upper-case HTTP method", "HTTPChaos", "target: Request\nport: 8080\nabort: true\nmethod: POST" },
        { "IOChaos fault with errno 5", "IOChaos", "action: fault\nvolumePath: /data\nerrno: 5" },
        { "memory size in KiB", "StressChaos", "stressors: {memory: {workers: 1, size: 512KiB}}" },
        { "memory size as a whole percentage", "StressChaos", "stressors: {memory: {workers: 1, size: 25%}}" },
        { "negative timeOffset", "TimeChaos", "timeOffset: -10m" },
        { "JVM stress on CPU", "JVMChaos", "action: stress\ncpuCount: 1" },
        { "JVM gc", "JVMChaos", "action: gc" },
        { "JVM latency", "JVMChaos", "action: latency\nclass: A\nmethod: b\nlatency: 500" },
        { "JVM mysql on connector 8 with latency", "JVMChaos", "action: mysql\nmysqlConnectorVersion: \"8\"\nlatency: 100" },
        { "KernelChaos", "KernelChaos", "failKernRequest: {failtype: 0, probability: 10}" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_spec_is_refused_at_its_line_and_column(string rule, string kind, string extra, string expected)
    {
        var errors = Errors(Manifest(kind, extra, kind == "HTTPChaos" ? "quote" : "ad"));
        errors.ShouldContain(e => Regex.IsMatch(e, expected), $"{rule}: {string.Join(" | ", errors)}");
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void A_valid_spec_passes(string rule, string kind, string extra)
    {
        var errors = Errors(Manifest(kind, extra, kind == "HTTPChaos" ? "quote" : "ad"));
        errors.ShouldBeEmpty(rule);
    }
}
