using System.Text;
using System.Text.RegularExpressions;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Experiments;

/// <summary>
/// Malformed and hostile inputs through <c>chaoslab validate</c>: each must exit 2 with a message
/// that names the file and the line/column or field, says why, and never shows a stack trace.
/// </summary>
public sealed class HostileInputTests
{
    // A valid experiment; cases break it in one place. Line numbers below refer to this text.
    private const string Valid = """
        name: demo-delay
        namespace: otel-demo
        fault:
          chaos:
            kind: NetworkChaos
            spec:
              action: delay
              mode: all
              selector:
                labelSelectors:
                  opentelemetry.io/name: frontend
              delay:
                latency: 100ms
        hypothesis:
          probes:
            - name: up
              prometheus:
                query: up
              tolerance:
                atLeast: 1
        timing:
          faultDuration: 30s

        """;

    private const string Bare = """
        apiVersion: chaos-mesh.org/v1alpha1
        kind: PodChaos
        metadata:
          name: bare-kill
          namespace: otel-demo
        spec:
          action: pod-kill
          mode: one
          selector:
            labelSelectors:
              opentelemetry.io/name: product-catalog

        """;

    private sealed record Case(byte[] Content, string Expected, string FileName = "case.yaml");

    private static Case Text(string text, string expected) => new(Encoding.UTF8.GetBytes(text), expected);

    private static Case Edit(string find, string replace, string expected)
    {
        Valid.ShouldContain(find);
        return Text(Valid.Replace(find, replace, StringComparison.Ordinal), expected);
    }

    private static Case EditBare(string find, string replace, string expected)
    {
        Bare.ShouldContain(find);
        return Text(Bare.Replace(find, replace, StringComparison.Ordinal), expected);
    }

    private static string Kind(string kind, string spec, string timing = "timing:\n  faultDuration: 30s\n") =>
        "name: k\nnamespace: otel-demo\nfault:\n  chaos:\n    kind: " + kind + "\n    spec:\n"
        + string.Join('\n', spec.Split('\n').Select(l => l.Length == 0 ? l : "      " + l))
        + "\nhypothesis:\n  probes:\n    - name: up\n      prometheus: {query: up}\n      tolerance: {atLeast: 1}\n" + timing;

    // Expected: a regex matched against one stderr line after "<file>".
    private static readonly Dictionary<string, Func<Case>> Cases = new()
    {
        ["bad-yaml"] = () => Text("name: [unclosed\nnamespace: x\n", @":\d+:\d+: YAML syntax error"),
        ["bad-indentation"] = () => Text("name: a\n  namespace: b\n", @":\d+:\d+: YAML syntax error"),
        ["wrong-type-namespace"] = () => Edit("namespace: otel-demo", "namespace: [a, b]", @":2:12: namespace: expected a string, got a list"),
        ["wrong-type-mode"] = () => Edit("mode: all", "mode: 3", @":8:7: fault\.chaos\.spec\.mode: expected a string, got the number 3"),
        ["wrong-type-probes"] = () => Edit("  probes:\n    - name: up", "  probes: up\n  x:\n    - name: up", @"hypothesis\.probes: expected probes \(a list\)"),
        ["unknown-top-field"] = () => Text(Valid + "nmae: x\n", @":23:1: nmae: unknown field 'nmae' \(did you mean 'name'\?\)"),
        ["unknown-spec-field"] = () => Edit("      mode: all\n", "      mode: all\n      jiter: 1s\n", @":9:7: fault\.chaos\.spec\.jiter: unknown field 'jiter'.*allowed here: action"),
        ["unknown-nested-field"] = () => Edit("latency: 100ms", "latency: 100ms\n        jitterr: 5ms", @":14:9: fault\.chaos\.spec\.delay\.jitterr: unknown field 'jitterr' \(did you mean 'jitter'\?\)"),
        ["bad-duration"] = () => Edit("faultDuration: 30s", "faultDuration: 30 seconds", @":22:18: timing\.faultDuration: '30 seconds' is not a duration"),
        ["negative-duration"] = () => Edit("faultDuration: 30s", "faultDuration: -30s", @":22:18: timing\.faultDuration: '-30s' must be positive"),
        ["bad-spec-duration"] = () => Edit("      mode: all\n", "      mode: all\n      duration: 5 minutes\n", @":9:7: fault\.chaos\.spec\.duration: '5 minutes' is not a duration"),
        ["bad-latency"] = () => Edit("latency: 100ms", "latency: 1s500ms", @":13:9: fault\.chaos\.spec\.delay\.latency: '1s500ms' does not match the pattern"),
        ["percent-out-of-range"] = () => Edit("mode: all", "mode: fixed-percent\n      value: \"150\"", @"fault\.chaos\.spec\.value: mode 'fixed-percent' needs value = a percentage from 1 to 100"),
        ["percent-not-a-number"] = () => Edit("mode: all", "mode: random-max-percent\n      value: \"half\"", @"fault\.chaos\.spec\.value: mode 'random-max-percent' needs value = a percentage"),
        ["loss-percent-out-of-range"] = () => Edit("action: delay", "action: loss\n      loss: {loss: \"250\"}", @"fault\.chaos\.spec\.loss\.loss: '250' is not a percentage; expected a number from 0 to 100"),
        ["bad-mode"] = () => Edit("mode: all", "mode: sometimes", @":8:7: fault\.chaos\.spec\.mode: 'sometimes' is not allowed; expected one of: one, all, fixed, fixed-percent, random-max-percent"),
        ["empty-selector"] = () => Edit("        labelSelectors:\n          opentelemetry.io/name: frontend\n", "        namespaces: [otel-demo]\n", @":9:7: fault\.chaos\.spec\.selector: empty selector: it would hit every pod in namespace otel-demo"),
        ["empty-label-selector"] = () => Edit("          opentelemetry.io/name: frontend\n", "          {}\n", @"fault\.chaos\.spec\.selector: empty selector"),
        ["selector-missing"] = () => Edit("      selector:\n        labelSelectors:\n          opentelemetry.io/name: frontend\n", string.Empty, @"fault\.chaos\.spec\.selector: required field is missing"),
        ["protected-namespace"] = () => Edit("namespace: otel-demo", "namespace: kube-system", @":2:12: namespace: namespace 'kube-system' is protected"),
        ["protected-selector-namespace"] = () => Edit("        labelSelectors:\n", "        namespaces: [chaos-mesh]\n        labelSelectors:\n", @":10:22: fault\.chaos\.spec\.selector\.namespaces\[0\]: namespace 'chaos-mesh' is protected"),
        ["protected-pods-namespace"] = () => Edit("        labelSelectors:\n          opentelemetry.io/name: frontend\n", "        pods:\n          kube-system: [coredns-1]\n", @"fault\.chaos\.spec\.selector\.pods\.kube-system: namespace 'kube-system' is protected"),
        ["httpchaos-on-grpc"] = () => Text(Kind("HTTPChaos", "mode: all\nselector:\n  labelSelectors:\n    opentelemetry.io/name: product-catalog\ntarget: Request\nport: 8080\nabort: true\n"),
            @"fault\.chaos\.spec\.selector\.labelSelectors: HTTPChaos cannot act on 'product-catalog': it serves gRPC \(HTTP/2\).*NetworkChaos.*productCatalogFailure"),
        ["httpchaos-on-grpc-points-to-istio"] = () => Text(Kind("HTTPChaos", "mode: all\nselector:\n  labelSelectors:\n    opentelemetry.io/name: ad\ntarget: Request\nport: 8080\nabort: true\n"),
            @"fault\.chaos\.spec\.selector\.labelSelectors: HTTPChaos cannot act on 'ad'.*an Istio fault \(fault\.istio: per-request delay and abort with a grpcStatus; needs Lab:Istio:Enabled=true\)"),
        ["httpchaos-on-grpc-by-component-label"] = () => Text(Kind("HTTPChaos", "mode: all\nselector:\n  labelSelectors:\n    app.kubernetes.io/component: checkout\ntarget: Response\nport: 8080\nabort: true\n"),
            @":9:9: fault\.chaos\.spec\.selector\.labelSelectors: HTTPChaos cannot act on 'checkout'.*paymentFailure"),
        ["missing-duration"] = () => Edit("timing:\n  faultDuration: 30s\n", string.Empty, @":1:1: timing\.faultDuration: a continuous fault needs a duration"),
        ["pod-failure-without-duration"] = () => Text(Kind("PodChaos", "action: pod-failure\nmode: one\nselector:\n  labelSelectors:\n    opentelemetry.io/name: cart\n", timing: string.Empty), @"timing\.faultDuration: a continuous fault needs a duration"),
        ["zero-duration"] = () => Edit("faultDuration: 30s", "faultDuration: 0s", @"timing\.faultDuration: '0s' must be positive"),
        ["huge-document"] = () => new(Encoding.UTF8.GetBytes("# " + new string('x', 2 * 1024 * 1024) + "\n"), @": file is \d+ bytes; at most 1048576"),
        ["deep-flow-nesting"] = () => Text("name: " + new string('[', 100_000) + "\n", @":1:\d+: nesting deeper than 64 levels"),
        ["deep-block-nesting"] = () => Text(string.Concat(Enumerable.Range(0, 100).Select(i => new string(' ', i * 2) + "k" + i + ":\n")) + new string(' ', 200) + "v\n", @":\d+:\d+: nesting deeper than 64 levels"),
        ["tabs"] = () => Text("name: demo\n\tnamespace: otel-demo\n", @":\d+:\d+: YAML syntax error.*tab"),
        ["duplicate-keys"] = () => Text(Valid + "name: other\n", @":23:1: duplicate key 'name' \(first at line 1\)"),
        ["duplicate-nested-keys"] = () => Edit("      mode: all\n", "      mode: all\n      mode: one\n", @":9:7: duplicate key 'mode' \(first at line 8\)"),
        ["non-utf8"] = () => new([.. Encoding.UTF8.GetBytes("name: demo\ndescription: caf"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\n")], @":2:17: not valid UTF-8"),
        ["latin1"] = () => new(Encoding.Latin1.GetBytes("name: d\u00e9mo\n"), @":1:8: not valid UTF-8"),
        ["utf16"] = () => new([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("name: demo\n")], @":1:1: file is UTF-16"),
        ["binary-nul"] = () => new([.. Encoding.UTF8.GetBytes("name: a"), 0, .. Encoding.UTF8.GetBytes("b\n")], @":1:8: control character U\+0000"),
        ["empty-file"] = () => new([], @":1:1: file is empty"),
        ["whitespace-only"] = () => Text("   \n\n  \n", @":1:1: file is empty"),
        ["comments-only"] = () => Text("# nothing here\n", @":1:1: file is empty"),
        ["explicit-null-document"] = () => Text("~\n", @":1:1: file is empty"),
        ["top-level-list"] = () => Text("- a\n- b\n", @":1:1: expected a mapping at the top.*got a list"),
        ["top-level-scalar"] = () => Text("hello\n", @":1:1: expected a mapping at the top.*got a string"),
        ["alias-bomb"] = () => Text(AliasBomb(), @":5:45: document has more than 100000 nodes"),
        ["many-unknown-keys"] = () => Text(string.Concat(Enumerable.Range(0, 20_000).Select(i => $"k{i}: 1\n")), @":1:1: k0: unknown field 'k0'"),
        ["alias-depth-chain"] = () => Text(AliasDepthChain(), @"fault\.chaos\.spec\.x.*: nesting deeper than 128 levels once aliases are expanded"),
        ["undefined-alias"] = () => Text("name: *nothing\n", @":1:7: alias \*nothing refers to no anchor"),
        ["complex-key"] = () => Text("? [a, b]\n: c\n", @":1:3: only scalar mapping keys"),
        ["unknown-tag"] = () => Edit("name: demo-delay", "name: !!python/object demo", @":1:7: name: unsupported tag"),
        ["unknown-kind"] = () => Edit("kind: NetworkChaos", "kind: PhysicalMachineChaos", @":5:11: fault\.chaos\.kind: unknown kind 'PhysicalMachineChaos'; supported: PodChaos, NetworkChaos"),
        ["misspelt-kind"] = () => Edit("kind: NetworkChaos", "kind: NetworkChoas", @":5:11: fault\.chaos\.kind: unknown kind 'NetworkChoas' \(did you mean 'NetworkChaos'\?\)"),
        ["schedule-kind"] = () => Edit("kind: NetworkChaos", "kind: Schedule", @":5:11: fault\.chaos\.kind: unknown kind 'Schedule'.*schedule experiments with a suite"),
        ["wrong-api-version"] = () => Edit("    kind: NetworkChaos", "    apiVersion: chaos-mesh.org/v1\n    kind: NetworkChaos", @":5:17: fault\.chaos\.apiVersion: 'chaos-mesh\.org/v1' is not supported"),
        ["no-fault"] = () => Edit("fault:\n  chaos:\n", "fault:\n  nothing: 1\n  chaos:\n", @"fault\.nothing: unknown field"),
        ["both-faults"] = () => Edit("fault:\n", "fault:\n  flag: {name: adFailure}\n", @"fault: a fault is either chaos or flag, not both"),
        ["unknown-flag"] = () => Text(Valid.Replace("  chaos:\n    kind: NetworkChaos\n    spec:\n      action: delay\n      mode: all\n      selector:\n        labelSelectors:\n          opentelemetry.io/name: frontend\n      delay:\n        latency: 100ms\n", "  flag:\n    name: adFailur\n", StringComparison.Ordinal),
            @":5:11: fault\.flag\.name: unknown flag 'adFailur' \(did you mean 'adFailure'\?\)"),
        ["bad-flag-variant"] = () => Text(Valid.Replace("  chaos:\n    kind: NetworkChaos\n    spec:\n      action: delay\n      mode: all\n      selector:\n        labelSelectors:\n          opentelemetry.io/name: frontend\n      delay:\n        latency: 100ms\n", "  flag:\n    name: cartFailure\n", StringComparison.Ordinal),
            @"fault\.flag\.variant: flag 'cartFailure' has no variant 'on'; its variants are: 10%"),
        ["multiple-documents"] = () => Text(Valid + "---\nname: second\n", @":23:1: more than one YAML document"),
        ["container-kill-without-names"] = () => Text(Kind("PodChaos", "action: container-kill\nmode: one\nselector:\n  labelSelectors:\n    opentelemetry.io/name: cart\n"), @"fault\.chaos\.spec\.containerNames: container-kill needs containerNames"),
        ["delay-block-without-latency"] = () => Edit("latency: 100ms", "correlation: \"5\"", @"fault\.chaos\.spec\.delay\.latency: required field is missing \(expected a string\)"),
        ["delay-action-without-delay"] = () => Edit("      delay:\n        latency: 100ms\n", string.Empty, @"fault\.chaos\.spec\.delay: action 'delay' needs delay settings"),
        ["from-without-target"] = () => Edit("      mode: all\n", "      mode: all\n      direction: from\n", @"fault\.chaos\.spec\.target: direction 'from' needs a target"),
        ["bad-direction"] = () => Edit("      mode: all\n", "      mode: all\n      direction: sideways\n", @":9:7: fault\.chaos\.spec\.direction: 'sideways' is not allowed; expected one of: to, from, both"),
        ["stress-without-stressor"] = () => Text(Kind("StressChaos", "mode: one\nselector:\n  labelSelectors:\n    opentelemetry.io/name: ad\n"), @"fault\.chaos\.spec\.stressors: StressChaos needs at least one stressor"),
        ["stress-load-out-of-range"] = () => Text(Kind("StressChaos", "mode: one\nselector:\n  labelSelectors:\n    opentelemetry.io/name: ad\nstressors:\n  cpu: {workers: 1, load: 150}\n"), @"fault\.chaos\.spec\.stressors\.cpu\.load: 150 is out of range; allowed: 0 to 100"),
        ["stress-bad-memory-size"] = () => Text(Kind("StressChaos", "mode: one\nselector:\n  labelSelectors:\n    opentelemetry.io/name: ad\nstressors:\n  memory: {workers: 1, size: lots}\n"), @"fault\.chaos\.spec\.stressors\.memory\.size: 'lots' is not a memory size"),
        ["http-port-zero"] = () => Text(Kind("HTTPChaos", "mode: all\nselector:\n  labelSelectors:\n    opentelemetry.io/name: quote\ntarget: Request\nport: 0\nabort: true\n"), @"fault\.chaos\.spec\.port: 0 is out of range; allowed: 1 to 65535"),
        ["http-without-port"] = () => Text(Kind("HTTPChaos", "mode: all\nselector:\n  labelSelectors:\n    opentelemetry.io/name: quote\ntarget: Request\nabort: true\n"), @"fault\.chaos\.spec\.port: HTTPChaos needs the port"),
        ["http-without-target"] = () => Text(Kind("HTTPChaos", "mode: all\nselector:\n  labelSelectors:\n    opentelemetry.io/name: quote\nport: 8080\nabort: true\n"), @"fault\.chaos\.spec\.target: required field is missing \(expected one of: Request, Response\)"),
        ["http-bad-target"] = () => Text(Kind("HTTPChaos", "mode: all\nselector:\n  labelSelectors:\n    opentelemetry.io/name: quote\nport: 8080\ntarget: Both\nabort: true\n"), @"fault\.chaos\.spec\.target: 'Both' is not allowed; expected one of: Request, Response"),
        ["blast-radius"] = () => Edit("mode: all", "mode: fixed\n      value: \"50\"", @"fault\.chaos\.spec\.mode: this fault can affect 50 pods, above the blast-radius limit of 5"),
        ["blast-radius-guardrail"] = () => Text(Valid.Replace("mode: all", "mode: fixed\n      value: \"2\"", StringComparison.Ordinal) + "guardrails:\n  maxPodsAffected: 1\n",
            @"fault\.chaos\.spec\.mode: this fault can affect 2 pods, above the blast-radius limit of 1 \(guardrails\.maxPodsAffected\)"),
        ["guardrail-over-max"] = () => Text(Valid + "guardrails:\n  maxPodsAffected: 100\n", @":24:20: guardrails\.maxPodsAffected: 100 is above the configured maximum blast radius of 5"),
        ["unknown-probe-reference"] = () => Text(Valid + "guardrails:\n  abortWhen:\n    - probe: nope\n      hardLimit: {atMost: 1}\n", @":25:14: guardrails\.abortWhen\[0\]\.probe: no probe named 'nope'"),
        ["two-tolerances"] = () => Edit("atLeast: 1", "atLeast: 1\n        atMost: 2", @"hypothesis\.probes\[0\]\.tolerance: a tolerance takes exactly one of"),
        ["range-inverted"] = () => Edit("atLeast: 1", "range: {min: 5, max: 1}", @"hypothesis\.probes\[0\]\.tolerance\.range: min \(5\) is greater than max \(1\)"),
        ["no-probes"] = () => Edit("  probes:\n    - name: up\n      prometheus:\n        query: up\n      tolerance:\n        atLeast: 1\n", "  probes: []\n", @"hypothesis\.probes: a hypothesis needs at least one probe"),
        ["bad-http-probe"] = () => Edit("      prometheus:\n        query: up\n      tolerance:\n        atLeast: 1\n", "      http:\n        url: not a url\n", @"hypothesis\.probes\[0\]\.http\.url: 'not a url' is not an absolute http"),
        ["int-overflow"] = () => Text(Kind("PodChaos", "action: pod-kill\nmode: one\ngracePeriod: 99999999999999999999\nselector:\n  labelSelectors:\n    opentelemetry.io/name: cart\n"), @"fault\.chaos\.spec\.gracePeriod: integer '99999999999999999999' is out of range"),
        ["null-spec"] = () => Edit("    spec:\n      action: delay\n      mode: all\n      selector:\n        labelSelectors:\n          opentelemetry.io/name: frontend\n      delay:\n        latency: 100ms\n", "    spec:\n", @":6:10: fault\.chaos\.spec: expected the Chaos Mesh spec, got null"),
        ["infinite-float"] = () => Text(Kind("StressChaos", "mode: one\nselector:\n  labelSelectors:\n    opentelemetry.io/name: ad\nstressors:\n  cpu: {workers: 1, load: .inf}\n"), @"fault\.chaos\.spec\.stressors\.cpu\.load: '\.inf' is not a finite number"),
        ["metadata-name-in-embedded"] = () => Edit("    kind: NetworkChaos\n", "    kind: NetworkChaos\n    metadata:\n      name: mine\n", @":7:7: fault\.chaos\.metadata\.name: metadata\.name is set by ChaosLab"),
        ["reserved-label"] = () => Edit("    kind: NetworkChaos\n", "    kind: NetworkChaos\n    metadata:\n      labels:\n        chaoslab.io/run-id: mine\n", @"fault\.chaos\.metadata\.labels\[""chaoslab\.io/run-id""\]: label 'chaoslab\.io/run-id' is set by ChaosLab"),
        ["name-too-long"] = () => Edit("name: demo-delay", "name: " + new string('a', 50), @":1:7: name: '.*' is 50 characters; at most 40"),
        ["status-in-embedded"] = () => Edit("    kind: NetworkChaos\n", "    kind: NetworkChaos\n    status: {}\n", @"fault\.chaos\.status: status is written by the Chaos Mesh controller"),
        ["bare-without-service-label"] = () => EditBare("opentelemetry.io/name: product-catalog", "app: whatever", @"spec\.selector\.labelSelectors: a bare Chaos Mesh manifest runs with a default hypothesis"),
        ["bare-continuous-without-duration"] = () => EditBare("action: pod-kill", "action: pod-failure", @"spec\.duration: a continuous fault needs a duration"),
        ["bare-with-status"] = () => Text(Bare + "status:\n  experiment: {}\n", @":12:1: status: status is written by the Chaos Mesh controller"),
        ["bare-protected-namespace"] = () => EditBare("namespace: otel-demo", "namespace: kube-public", @":5:14: metadata\.namespace: namespace 'kube-public' is protected"),
        ["bare-missing-name"] = () => EditBare("  name: bare-kill\n", string.Empty, @"metadata\.name: required field is missing"),
        ["source-document-http-abort-on-checkout"] = () => Text("""
            kind: HTTPChaos
            apiVersion: chaos-mesh.org/v1alpha1
            metadata:
              namespace: default
              name: http-fault-experiment
            spec:
              selector:
                namespaces:
                  - default
                labelSelectors:
                  app.kubernetes.io/component: checkout
              mode: all
              target: Response
              abort: true
              port: 8080
              path: '*'
              duration: 10m

            """, @":10:5: spec\.selector\.labelSelectors: HTTPChaos cannot act on 'checkout': it serves gRPC"),
        ["suite-missing-experiment"] = () => Text("name: s\nexperiments:\n  - nope.yaml\n", @":3:5: experiments\[0\]: experiment file 'nope\.yaml' does not exist"),
        ["suite-bad-cron"] = () => Text("name: s\nschedule:\n  cron: \"61 * * * *\"\nexperiments:\n  - nope.yaml\n", @":3:9: schedule\.cron: '61 \* \* \* \*' is not a cron expression"),
        ["suite-bad-time-zone"] = () => Text("name: s\nschedule:\n  cron: \"0 * * * *\"\n  timeZone: Mars/Olympus\nexperiments:\n  - nope.yaml\n", @":4:13: schedule\.timeZone: unknown time zone 'Mars/Olympus'"),
        ["suite-unknown-field"] = () => Text("name: s\nexperimants: []\nexperiments: [a.yaml]\n", @":2:1: experimants: unknown field 'experimants' \(did you mean 'experiments'\?\)"),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Hostile_input_exits_2_naming_file_and_place_without_a_stack_trace(string name)
    {
        using var folder = new TempFolder();
        var c = Cases[name]();
        var file = folder.Write(c.FileName, c.Content);

        var outcome = await CliRunner.RunAsync("validate", file);

        outcome.ExitCode.ShouldBe(2, $"stdout: {outcome.Output}\nstderr: {outcome.Error}");
        // Every case names the file, then line:column (only whole-file problems have none).
        var expected = c.Expected.StartsWith(':') ? c.Expected : @":\d+:\d+: " + c.Expected;
        var pattern = new Regex("^" + Regex.Escape(file) + expected, RegexOptions.Multiline);
        pattern.IsMatch(outcome.Error).ShouldBeTrue($"expected a line matching {pattern} in:\n{outcome.Error}");
        AssertNoStackTrace(outcome);
        var lines = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Take(lines.Length - 1).ShouldAllBe(line => line.StartsWith(file));
    }

    [Fact]
    public void Every_case_has_a_valid_twin()
    {
        // Guards the cases themselves: the base documents are valid, so each error is the edit's.
        foreach (var text in new[] { Valid, Bare })
        {
            var result = new ChaosLab.Experimenter.Experiments.Validation.ExperimentFileValidator().Validate("base.yaml", Encoding.UTF8.GetBytes(text));
            result.Errors.ShouldBeEmpty(string.Join('\n', result.Errors));
        }
    }

    [Fact]
    public async Task Errors_of_all_files_are_reported_at_once()
    {
        using var folder = new TempFolder();
        var a = folder.Write("a.yaml", Valid.Replace("mode: all", "mode: sometimes", StringComparison.Ordinal));
        var b = folder.Write("sub/b.yaml", Valid.Replace("namespace: otel-demo", "namespace: kube-system", StringComparison.Ordinal).Replace("faultDuration: 30s", "faultDuration: soon", StringComparison.Ordinal));
        folder.Write("c.yaml", Valid);

        var outcome = await CliRunner.RunAsync("validate", folder.Path);

        outcome.ExitCode.ShouldBe(2);
        outcome.Error.ShouldContain(a + ":8:7: fault.chaos.spec.mode");
        outcome.Error.ShouldContain(b + ":2:12: namespace");
        outcome.Error.ShouldContain(b + ":22:18: timing.faultDuration");
        outcome.Error.ShouldContain("3 error(s) in 2 of 3 file(s)");
        outcome.Output.ShouldContain("c.yaml: experiment demo-delay");
        AssertNoStackTrace(outcome);
    }

    [Fact]
    public async Task A_folder_without_yaml_files_is_an_error()
    {
        using var folder = new TempFolder();
        folder.Write("notes.txt", "not yaml");
        var outcome = await CliRunner.RunAsync("validate", folder.Path);
        outcome.ExitCode.ShouldBe(2);
        outcome.Error.ShouldContain(folder.Path + ": folder contains no .yaml or .yml files");
        AssertNoStackTrace(outcome);
    }

    [Fact]
    public async Task An_endless_device_is_read_no_further_than_the_limit()
    {
        if (!File.Exists("/dev/zero"))
        {
            Assert.Skip("needs /dev/zero (Linux or macOS)");
        }

        var outcome = await CliRunner.RunAsync("validate", "/dev/zero");
        outcome.ExitCode.ShouldBe(2);
        outcome.Error.ShouldContain("/dev/zero: file is more than 1048576 bytes (1 MiB); refusing to read it");
        AssertNoStackTrace(outcome);
    }

    [Fact]
    public async Task Thousands_of_errors_are_capped_per_file()
    {
        using var folder = new TempFolder();
        var file = folder.Write("many.yaml", string.Concat(Enumerable.Range(0, 5_000).Select(i => $"k{i}: 1\n")));
        var outcome = await CliRunner.RunAsync("validate", file);
        outcome.ExitCode.ShouldBe(2);
        var lines = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBeLessThan(220);
        outcome.Error.ShouldContain(file + ": ... and ");
        outcome.Error.ShouldContain("more error(s); only the first 200 are shown");
        outcome.Error.ShouldContain("5004 error(s) in 1 of 1 file(s)"); // 5000 unknown fields + 4 missing required ones
    }

    [Fact]
    public async Task A_missing_path_is_an_error()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "nope.yaml");
        var outcome = await CliRunner.RunAsync("validate", missing);
        outcome.ExitCode.ShouldBe(2);
        outcome.Error.ShouldContain(missing + ": no such file or folder");
    }

    [Theory]
    [InlineData("validate", "--max-pods", "abc")]
    [InlineData("validate", "--max-pods", "0")]
    [InlineData("validate", "--bogus")]
    [InlineData("validate", "--protected-namespace", "Not_A_Namespace")]
    [InlineData("render", "--max-pods", "-3")]
    [InlineData("render", "--bogus")]
    public async Task Bad_options_are_invalid_input(string command, string option, string? value = null)
    {
        using var folder = new TempFolder();
        var file = folder.Write("x.yaml", Valid);
        string[] args = value is null ? [command, file, option] : [command, file, option, value];
        var outcome = await CliRunner.RunAsync(args);
        outcome.ExitCode.ShouldBe(2, outcome.Error);
        outcome.Error.ShouldStartWith($"chaoslab {command}: ");
        AssertNoStackTrace(outcome);
    }

    [Fact]
    public async Task Validate_without_paths_is_an_error()
    {
        var outcome = await CliRunner.RunAsync("validate");
        outcome.ExitCode.ShouldBe(2);
        outcome.Error.ShouldContain("name at least one file or folder");
    }

    [Fact]
    public async Task Protected_namespaces_are_configurable()
    {
        using var folder = new TempFolder();
        var file = folder.Write("x.yaml", Valid);
        var outcome = await CliRunner.RunAsync("validate", file, "--protected-namespace", "otel-demo");
        outcome.ExitCode.ShouldBe(2);
        outcome.Error.ShouldContain(file + ":2:12: namespace: namespace 'otel-demo' is protected");
    }

    [Fact]
    public async Task Max_pods_is_configurable()
    {
        using var folder = new TempFolder();
        var file = folder.Write("x.yaml", Valid.Replace("mode: all", "mode: fixed\n      value: \"3\"", StringComparison.Ordinal));
        (await CliRunner.RunAsync("validate", file)).ExitCode.ShouldBe(0);
        var outcome = await CliRunner.RunAsync("validate", file, "--max-pods", "2");
        outcome.ExitCode.ShouldBe(2);
        outcome.Error.ShouldContain("this fault can affect 3 pods, above the blast-radius limit of 2");
    }

    [Fact]
    public async Task Render_refuses_invalid_input_with_exit_2()
    {
        using var folder = new TempFolder();
        var bad = folder.Write("bad.yaml", Valid.Replace("latency: 100ms", "latency: slow", StringComparison.Ordinal));

        var invalid = await CliRunner.RunAsync("render", bad);
        invalid.ExitCode.ShouldBe(2);
        invalid.Output.ShouldBeEmpty();
        invalid.Error.ShouldContain(bad + ":13:9: fault.chaos.spec.delay.latency");

        var onFolder = await CliRunner.RunAsync("render", folder.Path);
        onFolder.ExitCode.ShouldBe(2);
        onFolder.Error.ShouldContain("is a folder");

        var good = folder.Write("good.yaml", Valid);
        var badRunId = await CliRunner.RunAsync("render", good, "--run-id", "Not_Valid");
        badRunId.ExitCode.ShouldBe(2);
        badRunId.Error.ShouldContain("--run-id 'Not_Valid'");

        var none = await CliRunner.RunAsync("render");
        none.ExitCode.ShouldBe(2);

        foreach (var outcome in new[] { invalid, onFolder, badRunId, none })
        {
            AssertNoStackTrace(outcome);
        }
    }

    private static void AssertNoStackTrace(CliRunner.Result outcome)
    {
        var all = outcome.Output + outcome.Error;
        all.ShouldNotContain("   at ");
        all.ShouldNotContain("Exception");
        all.ShouldNotContain("internal error");
        all.ShouldNotContain("unexpected");
    }

    // Aliases that nest deep structures inside each other: each written level is shallow, the expansion is not.
    private static string AliasDepthChain()
    {
        var sb = new StringBuilder("name: k\nnamespace: otel-demo\nanchors:\n");
        string Nest(int levels, string inner) => string.Concat(Enumerable.Repeat("[", levels)) + inner + string.Concat(Enumerable.Repeat("]", levels));
        sb.Append("  a0: &a0 ").Append(Nest(50, "1")).Append('\n');
        for (var i = 1; i < 6; i++)
        {
            sb.Append($"  a{i}: &a{i} ").Append(Nest(50, $"*a{i - 1}")).Append('\n');
        }

        sb.Append("fault:\n  chaos:\n    kind: PodChaos\n    spec:\n      x: *a5\n");
        return sb.ToString();
    }

    // "Billion laughs": 10 levels of 10 aliases each expand to 10^10 nodes.
    private static string AliasBomb()
    {
        var sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
        {
            sb.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        return sb.ToString();
    }
}
