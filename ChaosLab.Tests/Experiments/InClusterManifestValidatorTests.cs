using System.Text;
using System.Text.RegularExpressions;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Validation;

namespace ChaosLab.Tests.Experiments;

/// <summary>Bare Schedule and Workflow manifests: the 2.8.3 webhook's rules, the CRD schema, and the safety policy on every nested chaos, with nested positions.</summary>
public sealed class InClusterManifestValidatorTests
{
    private const string Schedule = """
        apiVersion: chaos-mesh.org/v1alpha1
        kind: Schedule
        metadata:
          name: nightly-cart-kill
          namespace: astronomy-shop
        spec:
          schedule: "0 3 * * *"
          concurrencyPolicy: Forbid
          historyLimit: 5
          type: PodChaos
          podChaos:
            action: pod-kill
            mode: one
            selector:
              labelSelectors:
                opentelemetry.io/name: cart

        """;

    private const string Workflow = """
        apiVersion: chaos-mesh.org/v1alpha1
        kind: Workflow
        metadata:
          name: cart-then-quote
        spec:
          entry: main
          templates:
            - name: main
              templateType: Serial
              children: [cart-delay, pause, quote-abort]
            - name: cart-delay
              templateType: Parallel
              children: [cart-net, frontend-up]
            - name: cart-net
              templateType: NetworkChaos
              deadline: 1m
              networkChaos:
                action: delay
                mode: all
                selector:
                  labelSelectors:
                    opentelemetry.io/name: cart
                delay:
                  latency: 100ms
            - name: frontend-up
              templateType: StatusCheck
              deadline: 1m
              abortWithStatusCheck: true
              statusCheck:
                mode: Continuous
                type: HTTP
                failureThreshold: 3
                http:
                  url: http://frontend-proxy:8080/
                  criteria:
                    statusCode: "200-399"
            - name: pause
              templateType: Suspend
              deadline: 30s
            - name: quote-abort
              templateType: HTTPChaos
              deadline: 30s
              httpChaos:
                mode: all
                selector:
                  labelSelectors:
                    opentelemetry.io/name: quote
                target: Request
                port: 8080
                abort: true

        """;

    private static InputFileResult Validate(string yaml, ExperimentValidationOptions? options = null) =>
        new ExperimentFileValidator(options).Validate("w.yaml", Encoding.UTF8.GetBytes(yaml));

    private static IReadOnlyList<string> Errors(string yaml) => [.. Validate(yaml).Errors.Select(e => e.ToString())];

    private static void ShouldHave(string yaml, string pattern)
    {
        var errors = Errors(yaml);
        errors.ShouldContain(e => Regex.IsMatch(e, pattern), string.Join(" | ", errors));
    }

    [Fact]
    public void A_valid_schedule_is_accepted_as_an_in_cluster_manifest()
    {
        var result = Validate(Schedule);
        result.Errors.ShouldBeEmpty();
        result.Kind.ShouldBe(InputKind.InClusterManifest);
        result.InCluster!.Kind.ShouldBe(InClusterKind.Schedule);
        result.InCluster.Name.ShouldBe("nightly-cart-kill");
        result.Experiment.ShouldBeNull();
    }

    [Fact]
    public void A_valid_workflow_with_serial_parallel_suspend_and_status_check_is_accepted()
    {
        var result = Validate(Workflow);
        result.Errors.ShouldBeEmpty();
        result.InCluster!.Kind.ShouldBe(InClusterKind.Workflow);
        result.InCluster.Namespace.ShouldBe("astronomy-shop");
    }

    [Theory]
    [InlineData("\"61 * * * *\"", @"^w\.yaml:7:3: spec\.schedule: '61 \* \* \* \*' is not a schedule: minute '61': 61 is above the maximum 59")]
    [InlineData("\"0 3 * *\"", @"spec\.schedule: .* expected 5 fields")]
    [InlineData("\"0 3 L * *\"", @"spec\.schedule: .*day of month 'L'")]
    [InlineData("\"@fortnightly\"", @"spec\.schedule: .*unknown descriptor '@fortnightly'")]
    [InlineData("\"@every soon\"", @"spec\.schedule: .*@every needs a duration")]
    public void A_schedule_with_bad_cron_syntax_is_refused(string cron, string pattern) =>
        ShouldHave(Schedule.Replace("\"0 3 * * *\"", cron, StringComparison.Ordinal), pattern);

    [Theory]
    [InlineData("\"*/15 * * * *\"")]
    [InlineData("\"30 0 3 * * mon-fri\"")]
    [InlineData("\"0 0 1 jan,jul ?\"")]
    [InlineData("\"@daily\"")]
    [InlineData("\"@every 6h\"")]
    [InlineData("\"CRON_TZ=Europe/Berlin 0 3 * * *\"")]
    public void A_schedule_with_robfig_cron_syntax_passes(string cron) =>
        Errors(Schedule.Replace("\"0 3 * * *\"", cron, StringComparison.Ordinal)).ShouldBeEmpty();

    [Fact]
    public void ConcurrencyPolicy_Allow_is_refused_and_an_unknown_policy_fails_the_schema()
    {
        ShouldHave(Schedule.Replace("Forbid", "Allow", StringComparison.Ordinal), @"^w\.yaml:8:3: spec\.concurrencyPolicy: concurrencyPolicy Allow lets a run start");
        ShouldHave(Schedule.Replace("Forbid", "Sometimes", StringComparison.Ordinal), @"spec\.concurrencyPolicy: 'Sometimes' is not allowed; expected one of: Forbid, Allow");
    }

    [Fact]
    public void HistoryLimit_below_one_and_startingDeadlineSeconds_of_zero_are_refused()
    {
        ShouldHave(Schedule.Replace("historyLimit: 5", "historyLimit: 0", StringComparison.Ordinal), @"spec\.historyLimit: 0 is out of range; allowed: 1 or more");
        ShouldHave(Schedule.Replace("historyLimit: 5", "historyLimit: 5\n  startingDeadlineSeconds: 0", StringComparison.Ordinal), @"spec\.startingDeadlineSeconds: 0 is out of range; allowed: more than 0");
        Errors(Schedule.Replace("historyLimit: 5", "historyLimit: 5\n  startingDeadlineSeconds: 30", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public void A_schedule_type_needs_its_spec_and_ignores_no_other()
    {
        ShouldHave(Schedule.Replace("podChaos:", "networkChaos:", StringComparison.Ordinal), @"spec\.podChaos: type PodChaos needs its spec under podChaos");
        ShouldHave(Schedule.Replace("type: PodChaos", "type: AWSChaos", StringComparison.Ordinal), @"spec\.type: AWSChaos acts outside the cluster's pods");
        ShouldHave(Schedule.Replace("type: PodChaos", "type: PodChoas", StringComparison.Ordinal), @"spec\.type: unknown type 'PodChoas' \(did you mean 'PodChaos'\?\)");
    }

    [Fact]
    public void A_nested_chaos_error_points_at_the_nested_line()
    {
        // mode fixed without a value: reported at the nested podChaos (line 11), not at the Schedule's spec.
        ShouldHave(Schedule.Replace("mode: one", "mode: fixed", StringComparison.Ordinal), @"^w\.yaml:11:3: spec\.podChaos\.value: mode 'fixed' needs value");
        ShouldHave(Schedule.Replace("action: pod-kill", "action: pod-explode", StringComparison.Ordinal), @"^w\.yaml:12:5: spec\.podChaos\.action: 'pod-explode' is not allowed");
    }

    [Fact]
    public void The_safety_policy_applies_to_nested_chaos()
    {
        ShouldHave(Schedule.Replace("      labelSelectors:\n        opentelemetry.io/name: cart\n", "      namespaces: [kube-system]\n      labelSelectors:\n        opentelemetry.io/name: cart\n", StringComparison.Ordinal),
            @"^w\.yaml:15:20: spec\.podChaos\.selector\.namespaces\[0\]: namespace 'kube-system' is protected");
        ShouldHave(Schedule.Replace("      labelSelectors:\n        opentelemetry.io/name: cart\n", "      namespaces: [astronomy-shop]\n", StringComparison.Ordinal), @"spec\.podChaos\.selector: empty selector");
        ShouldHave(Schedule.Replace("mode: one", "mode: all", StringComparison.Ordinal).Replace("opentelemetry.io/name: cart", "opentelemetry.io/name: cart\n      pods: {astronomy-shop: [a, b, c, d, e, f]}", StringComparison.Ordinal),
            @"spec\.podChaos\.mode: this fault can affect 6 pods, above the blast-radius limit of 5");
        ShouldHave(Schedule.Replace("namespace: astronomy-shop", "namespace: chaos-mesh", StringComparison.Ordinal), @"^w\.yaml:5:14: metadata\.namespace: namespace 'chaos-mesh' is protected");
    }

    [Fact]
    public void A_continuous_fault_in_a_schedule_needs_a_duration_within_a_day()
    {
        var failure = Schedule.Replace("action: pod-kill", "action: pod-failure", StringComparison.Ordinal);
        ShouldHave(failure, @"spec\.podChaos\.duration: a continuous fault needs a duration");
        Errors(failure.Replace("    mode: one", "    duration: 30s\n    mode: one", StringComparison.Ordinal)).ShouldBeEmpty();
        ShouldHave(failure.Replace("    mode: one", "    duration: 25h\n    mode: one", StringComparison.Ordinal), @"spec\.podChaos\.duration: 25h0m0s is longer than the 24h0m0s");
    }

    [Fact]
    public void HTTPChaos_in_a_workflow_only_acts_on_HTTP1_hops() =>
        ShouldHave(Workflow.Replace("opentelemetry.io/name: quote", "opentelemetry.io/name: cart", StringComparison.Ordinal),
            @"spec\.templates\[5\]\.httpChaos\.selector\.labelSelectors: HTTPChaos cannot act on 'cart': it serves gRPC");

    [Fact]
    public void The_entry_and_children_must_name_templates()
    {
        ShouldHave(Workflow.Replace("entry: main", "entry: mian", StringComparison.Ordinal), @"^w\.yaml:6:3: spec\.entry: no template named 'mian' \(did you mean 'main'\?\)");
        ShouldHave(Workflow.Replace("children: [cart-delay, pause, quote-abort]", "children: [cart-delay, paws, quote-abort]", StringComparison.Ordinal), @"^w\.yaml:10:30: spec\.templates\[0\]\.children\[1\]: no template named 'paws'");
        ShouldHave(Workflow.Replace("entry: main", "entry: \"\"", StringComparison.Ordinal), @"spec\.entry: the entry of a workflow is required");
    }

    [Fact]
    public void Template_names_must_be_unique_DNS_subdomains()
    {
        ShouldHave(Workflow.Replace("- name: pause", "- name: cart-net", StringComparison.Ordinal), @"spec\.templates: template names must be unique; used more than once: cart-net");
        ShouldHave(Workflow.Replace("- name: pause", "- name: Pause_1", StringComparison.Ordinal), @"spec\.templates\[4\]\.name: 'Pause_1' is not a DNS-1123 subdomain");
    }

    [Fact]
    public void A_suspend_needs_a_deadline_and_a_chaos_template_takes_no_duration()
    {
        ShouldHave(Workflow.Replace("      templateType: Suspend\n      deadline: 30s\n", "      templateType: Suspend\n", StringComparison.Ordinal), @"spec\.templates\[4\]\.deadline: a Suspend template needs a deadline");
        ShouldHave(Workflow.Replace("        action: delay\n", "        action: delay\n        duration: 1m\n", StringComparison.Ordinal), @"spec\.templates\[2\]\.networkChaos\.duration: a chaos in a Workflow takes no duration; set the template's deadline instead");
        ShouldHave(Workflow.Replace("      deadline: 1m\n      networkChaos:", "      networkChaos:", StringComparison.Ordinal), @"spec\.templates\[2\]\.deadline: a continuous fault needs a duration");
        ShouldHave(Workflow.Replace("deadline: 30s", "deadline: half a minute", StringComparison.Ordinal), @"spec\.templates\[4\]\.deadline: 'half a minute' is not a duration");
    }

    [Fact]
    public void Each_template_type_carries_only_its_own_parts()
    {
        ShouldHave(Workflow.Replace("      templateType: Suspend\n", "      templateType: Suspend\n      children: [main]\n", StringComparison.Ordinal), @"spec\.templates\[4\]\.children: a Suspend template takes no children");
        ShouldHave(Workflow.Replace("      templateType: Serial\n", "      templateType: Serial\n      podChaos: {action: pod-kill, mode: one, selector: {labelSelectors: {opentelemetry.io/name: cart}}}\n", StringComparison.Ordinal), @"spec\.templates\[0\]\.podChaos: a Serial template carries no chaos");
        ShouldHave(Workflow.Replace("templateType: NetworkChaos", "templateType: PodChaos", StringComparison.Ordinal), @"spec\.templates\[2\]\.podChaos: a PodChaos template needs its spec under podChaos");
        ShouldHave(Workflow.Replace("templateType: Suspend", "templateType: Sleep", StringComparison.Ordinal), @"spec\.templates\[4\]\.templateType: unknown type 'Sleep'");
    }

    [Fact]
    public void Task_templates_and_cycles_are_refused()
    {
        ShouldHave(Workflow.Replace("      templateType: Suspend\n      deadline: 30s\n", "      templateType: Task\n      task: {container: {name: x, image: busybox}}\n", StringComparison.Ordinal), @"spec\.templates\[4\]\.templateType: Task templates run an arbitrary container");
        ShouldHave(Workflow.Replace("children: [cart-net, frontend-up]", "children: [cart-net, frontend-up, main]", StringComparison.Ordinal), @"spec\.templates\[0\]\.children: template 'main' contains itself");
    }

    [Fact]
    public void A_status_check_needs_a_request_url_and_a_status_code_or_range()
    {
        ShouldHave(Workflow.Replace("url: http://frontend-proxy:8080/", "url: frontend-proxy", StringComparison.Ordinal), @"^w\.yaml:34:11: spec\.templates\[3\]\.statusCheck\.http\.url: 'frontend-proxy' is not a request URL");
        ShouldHave(Workflow.Replace("\"200-399\"", "\"2xx\"", StringComparison.Ordinal), @"statusCheck\.http\.criteria\.statusCode: '2xx': not a single number or a range");
        ShouldHave(Workflow.Replace("\"200-399\"", "\"200-1000\"", StringComparison.Ordinal), @"statusCheck\.http\.criteria\.statusCode: '200-1000': 1000 is not a status code");
        ShouldHave(Workflow.Replace("\"200-399\"", "\"-1\"", StringComparison.Ordinal), @"statusCheck\.http\.criteria\.statusCode: '-1': -1 is not a status code");
        ShouldHave(Workflow.Replace("\"200-399\"", "\"200-x\"", StringComparison.Ordinal), @"statusCheck\.http\.criteria\.statusCode: '200-x': 'x' is not a number");
        Errors(Workflow.Replace("\"200-399\"", "\"200\"", StringComparison.Ordinal)).ShouldBeEmpty();
        ShouldHave(Workflow.Replace("failureThreshold: 3", "failureThreshold: 0", StringComparison.Ordinal), @"statusCheck\.failureThreshold: 0 is out of range; allowed: 1 or more");
        ShouldHave(Workflow.Replace("        http:\n          url: http://frontend-proxy:8080/\n          criteria:\n            statusCode: \"200-399\"\n", string.Empty, StringComparison.Ordinal),
            @"statusCheck\.http: a status check of type HTTP needs http");
    }

    [Fact]
    public void A_schedule_of_a_workflow_checks_the_workflow_inside()
    {
        var nested = Schedule.Replace("  type: PodChaos\n  podChaos:\n    action: pod-kill\n    mode: one\n    selector:\n      labelSelectors:\n        opentelemetry.io/name: cart\n",
            "  type: Workflow\n  workflow:\n    entry: missing\n    templates:\n      - {name: pause, templateType: Suspend, deadline: 1m}\n", StringComparison.Ordinal);
        ShouldHave(nested, @"^w\.yaml:12:5: spec\.workflow\.entry: no template named 'missing'");
    }

    [Fact]
    public void A_schedule_in_an_experiments_fault_is_still_refused() =>
        ShouldHave("""
            name: x
            namespace: astronomy-shop
            fault:
              chaos:
                kind: Workflow
                spec: {}
            hypothesis:
              probes:
                - {name: up, http: {url: "http://127.0.0.1/"}}
            """, @"fault\.chaos\.kind: unknown kind 'Workflow'.*a Schedule or Workflow is validated as a manifest of its own");

    [Theory]
    [InlineData(InClusterKind.Schedule, "schedules")]
    [InlineData(InClusterKind.Workflow, "workflows")]
    public void The_embedded_Schedule_and_Workflow_schemas_equal_the_vendored_ones(InClusterKind kind, string plural)
    {
        var file = Path.Combine(Support.RepoPaths.ChaosMeshCrds, $"chaos-mesh.org_{plural}.yaml");
        System.Text.Json.Nodes.JsonNode.DeepEquals(CrdSchemas.For(kind), CrdSchemas.FromCrdYaml(File.ReadAllText(file), file)).ShouldBeTrue();
    }

    [Fact]
    public void Every_supported_kind_embeds_under_a_key_the_Schedule_and_Workflow_CRDs_have()
    {
        var file = Path.Combine(Support.RepoPaths.ChaosMeshCrds, "chaos-mesh.org_schedules.yaml");
        var schedule = CrdSchemas.FromCrdYaml(File.ReadAllText(file), file)["properties"]!["spec"]!["properties"]!.AsObject();
        file = Path.Combine(Support.RepoPaths.ChaosMeshCrds, "chaos-mesh.org_workflows.yaml");
        var template = CrdSchemas.FromCrdYaml(File.ReadAllText(file), file)["properties"]!["spec"]!["properties"]!["templates"]!["items"]!["properties"]!.AsObject();
        string[] expected = ["podChaos", "networkChaos", "stressChaos", "httpChaos", "dnsChaos", "ioChaos", "timeChaos", "jvmChaos", "kernelChaos"];
        ChaosKinds.All.Select(EmbeddedChaosKeys.Key).ShouldBe(expected);
        foreach (var key in expected.Concat(EmbeddedChaosKeys.Unsupported.Keys))
        {
            schedule.ContainsKey(key).ShouldBeTrue(key);
            template.ContainsKey(key).ShouldBeTrue(key);
        }
    }

    [Fact]
    public void RemoteCluster_and_JVMChaos_rules_apply_inside_a_workflow()
    {
        var jvm = Workflow.Replace("""
                  templateType: HTTPChaos
                  deadline: 30s
                  httpChaos:
                    mode: all
                    selector:
                      labelSelectors:
                        opentelemetry.io/name: quote
                    target: Request
                    port: 8080
                    abort: true
            """, """
                  templateType: JVMChaos
                  deadline: 30s
                  jvmChaos:
                    action: return
                    class: A
                    method: b
                    remoteCluster: east
                    mode: one
                    selector:
                      labelSelectors:
                        opentelemetry.io/name: ad
            """, StringComparison.Ordinal);
        jvm.ShouldNotBe(Workflow);
        ShouldHave(jvm, @"spec\.templates\[5\]\.jvmChaos\.returnValue: action 'return' needs returnValue");
        ShouldHave(jvm, @"^w\.yaml:\d+:9: spec\.templates\[5\]\.jvmChaos\.remoteCluster: remoteCluster 'east' puts the fault in another cluster");
    }

    [Fact]
    public void Faults_in_one_Parallel_add_up_against_the_blast_radius_limit()
    {
        // Two faults of 3 listed pods each: 6 together, above the limit of 5; each alone is within it.
        var parallel = Workflow.Replace("children: [cart-net, frontend-up]", "children: [cart-net, quote-abort]", StringComparison.Ordinal)
            .Replace("children: [cart-delay, pause, quote-abort]", "children: [cart-delay, pause]", StringComparison.Ordinal)
            .Replace("opentelemetry.io/name: cart\n", "opentelemetry.io/name: cart\n          pods: {astronomy-shop: [c1, c2, c3]}\n", StringComparison.Ordinal)
            .Replace("opentelemetry.io/name: quote\n", "opentelemetry.io/name: quote\n          pods: {astronomy-shop: [q1, q2, q3]}\n", StringComparison.Ordinal);
        ShouldHave(parallel, @"^w\.yaml:13:7: spec\.templates\[1\]\.children: these 2 faults act at once and can affect 6 pods together, above the blast-radius limit of 5");
        Validate(parallel, new ExperimentValidationOptions { Safety = new ChaosLab.Experimenter.Experiments.Safety.SafetyLimits { MaxPodsAffected = 6 } }).Errors.ShouldBeEmpty();
    }

    [Fact(Timeout = 30_000)]
    public async Task A_long_chain_of_templates_validates_and_a_loop_at_its_end_is_reported_once()
    {
        const int n = 3000;
        var yaml = new StringBuilder("apiVersion: chaos-mesh.org/v1alpha1\nkind: Workflow\nmetadata: {name: chain}\nspec:\n  entry: s0\n  templates:\n");
        for (var i = 0; i < n; i++)
        {
            yaml.Append("    - {name: s").Append(i).Append(", templateType: Serial, children: [s").Append(i + 1).Append("]}\n");
        }

        yaml.Append("    - {name: s").Append(n).Append(", templateType: Suspend, deadline: 1s}\n");
        (await Task.Run(() => Errors(yaml.ToString()), TestContext.Current.CancellationToken)).ShouldBeEmpty();

        var loop = yaml.ToString().Replace($"- {{name: s{n}, templateType: Suspend, deadline: 1s}}", $"- {{name: s{n}, templateType: Serial, children: [s0]}}", StringComparison.Ordinal);
        (await Task.Run(() => Errors(loop), TestContext.Current.CancellationToken)).Count(e => e.Contains("contains itself", StringComparison.Ordinal)).ShouldBe(1);
    }
}
