using System.Text;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Loading;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Rendering;
using ChaosLab.Experimenter.Experiments.Validation;

namespace ChaosLab.Tests.Experiments.Workloads;

/// <summary>Validation of experiments in namespace online-boutique: Online Boutique's labels, protocols and pods apply,
/// the Astronomy Shop's do not.</summary>
public sealed class OnlineBoutiqueValidationTests
{
    [Fact]
    public void HTTPChaos_on_a_boutique_gRPC_service_is_refused_with_the_reason()
    {
        var result = Validate(Experiment("cartservice", "HTTPChaos", "target: Request\n      port: 7070\n      path: \"*\"\n      delay: 2s"));

        result.IsValid.ShouldBeFalse();
        var error = result.Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("HTTPChaos cannot act on 'cartservice': it serves gRPC (HTTP/2) on port 7070");
        error.Message.ShouldContain("Use a NetworkChaos (delay, loss or partition) on the cartservice pods, or an Istio fault");
        error.Message.ShouldContain("Istio sidecars in the pods of namespace online-boutique");
        error.Message.ShouldEndWith("HTTP/1 hops where HTTPChaos works: frontend");
        error.Message.ShouldNotContain("flag fault");
    }

    [Fact]
    public void HTTPChaos_on_the_boutique_frontend_is_accepted()
    {
        var result = Validate(Experiment("frontend", "HTTPChaos", "target: Request\n      port: 8080\n      path: \"*\"\n      delay: 2s"));

        result.IsValid.ShouldBeTrue(string.Join("; ", result.Errors));
    }

    [Fact]
    public void HTTPChaos_on_redis_cart_is_refused_because_it_does_not_serve_HTTP()
    {
        var result = Validate(Experiment("redis-cart", "HTTPChaos", "target: Request\n      port: 6379\n      path: \"*\"\n      delay: 2s"));

        result.Errors.ShouldHaveSingleItem().Message.ShouldStartWith("HTTPChaos cannot act on 'redis-cart': it does not serve HTTP");
    }

    [Fact]
    public void The_Astronomy_Shops_protocols_are_not_applied_in_the_boutique_namespace()
    {
        // 'cart' is the demo's gRPC service; Online Boutique has none of that name, so nothing is refused for it here.
        var result = Validate(Experiment("cart", "HTTPChaos", "target: Request\n      port: 8080\n      path: \"*\"\n      delay: 2s", label: "opentelemetry.io/name"));

        result.Errors.ShouldNotContain(e => e.Message.Contains("HTTPChaos cannot act", StringComparison.Ordinal));
    }

    [Fact]
    public void The_blast_radius_counts_the_boutique_pods_from_its_release_manifest()
    {
        var text = Experiment("ignored", "PodChaos", "action: pod-kill", mode: "all",
            selector: "expressionSelectors:\n          - {key: app, operator: In, values: [cartservice, currencyservice, paymentservice]}", maxPods: 2);

        var result = Validate(text);

        result.IsValid.ShouldBeFalse();
        result.Errors.ShouldContain(e => e.Message.StartsWith("this fault can affect 3 pods, above the blast-radius limit of 2", StringComparison.Ordinal)
            && e.Message.Contains("in Online Boutique's release manifest", StringComparison.Ordinal), string.Join("; ", result.Errors));
        Validate(text.Replace("maxPodsAffected: 2", "maxPodsAffected: 3", StringComparison.Ordinal)).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void An_empty_selector_in_the_boutique_namespace_suggests_an_app_label()
    {
        var result = Validate(Experiment("ignored", "PodChaos", "action: pod-kill", selector: "namespaces: [online-boutique]"));

        result.Errors.ShouldContain(e => e.Message.Contains("add labelSelectors, e.g. app: productcatalogservice", StringComparison.Ordinal), string.Join("; ", result.Errors));
    }

    [Fact]
    public void A_bare_manifest_in_the_boutique_namespace_runs_with_its_pod_recovery_hypothesis()
    {
        const string bare = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: PodChaos
            metadata:
              name: kill-cart
              namespace: online-boutique
            spec:
              action: pod-kill
              mode: one
              selector:
                labelSelectors:
                  app: cartservice
            """;

        var result = Validate(bare);

        result.IsValid.ShouldBeTrue(string.Join("; ", result.Errors));
        var probe = result.Experiment!.Hypothesis.Probes.ShouldHaveSingleItem().ShouldBeOfType<DeploymentReadyProbe>();
        probe.Deployment.ShouldBe("cartservice");
        probe.Namespace.ShouldBe("online-boutique");
    }

    [Fact]
    public void An_Istio_fault_names_a_boutique_service_and_matches_its_caller_by_app()
    {
        var unknown = Validate(Istio("cartservce", "frontend"));
        unknown.Errors.ShouldHaveSingleItem().Message.ShouldStartWith("unknown Online Boutique service 'cartservce' (did you mean 'cartservice'?)");

        var valid = Validate(Istio("cartservice", "frontend"));
        valid.IsValid.ShouldBeTrue(string.Join("; ", valid.Errors));
        var fault = valid.Experiment!.Fault.ShouldBeOfType<IstioFault>();
        var spec = IstioVirtualService.Spec(fault);
        JsonNode.DeepEquals(spec["http"]![0]!["match"]![0]!["sourceLabels"], new JsonObject { ["app"] = "frontend" }).ShouldBeTrue(spec.ToJsonString());
        spec["hosts"]![0]!.GetValue<string>().ShouldBe("cartservice");
    }

    /// <summary>The hypothesis and timing every experiment here shares: probe the storefront's home page, a one-minute fault.</summary>
    private const string HomeProbeForAMinute = """
        hypothesis:
          probes:
            - name: home
              http:
                url: http://localhost:18081/
        timing:
          faultDuration: 1m
        """;

    private static InputFileResult Validate(string text) => new ExperimentFileValidator().Validate("boutique.yaml", Encoding.UTF8.GetBytes(text));

    private static string Experiment(string service, string kind, string body, string label = "app", string mode = "one", string? selector = null, int maxPods = 1) => $"""
        name: boutique-test
        namespace: online-boutique
        fault:
          chaos:
            kind: {kind}
            spec:
              mode: {mode}
              selector:
                {selector ?? $"labelSelectors:\n          {label}: {service}"}
              {body}
              duration: 1m
        {HomeProbeForAMinute}
        guardrails:
          maxPodsAffected: {maxPods}
        """;

    private static string Istio(string service, string caller) => $"""
        name: boutique-istio
        namespace: online-boutique
        fault:
          istio:
            service: {service}
            sourceService: {caller}
            abort:
              grpcStatus: UNAVAILABLE
              percentage: 10
        {HomeProbeForAMinute}
        """;
}
