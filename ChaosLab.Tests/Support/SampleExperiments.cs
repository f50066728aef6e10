namespace ChaosLab.Tests.Support;

/// <summary>Small experiment files for runs on the fake cluster (namespace <c>otel-demo</c> of its seed).</summary>
public static class SampleExperiments
{
    /// <summary>Kills one pod of <paramref name="service"/>; readiness checked before and after; 1 s windows.</summary>
    public static string PodKill(string name, string service) => $"""
        name: {name}
        description: kill {service}
        namespace: otel-demo
        fault:
          chaos:
            kind: PodChaos
            spec:
              action: pod-kill
              mode: one
              selector:
                labelSelectors:
                  opentelemetry.io/name: {service}
        hypothesis:
          probes:
            - name: {service}-ready
              deploymentReady:
                deployment: {service}
                minReadyReplicas: 1
              phases: [before, after]
        timing:
          baseline: 1s
          faultDuration: 1s
          recoveryTimeout: 10s
          cooldown: 1s
          probeInterval: 1s
        guardrails:
          maxPodsAffected: 1
        """;

    /// <summary>A 100 ms delay on product-catalog lasting 10 minutes: long enough to be interrupted mid-fault.</summary>
    public const string LongNetworkDelay = """
        name: long-delay
        description: a long network delay
        namespace: otel-demo
        fault:
          chaos:
            kind: NetworkChaos
            spec:
              action: delay
              mode: all
              selector:
                labelSelectors:
                  opentelemetry.io/name: product-catalog
              delay:
                latency: 100ms
        hypothesis:
          probes:
            - name: ready
              deploymentReady:
                deployment: product-catalog
                minReadyReplicas: 1
        timing:
          baseline: 1s
          faultDuration: 10m
          recoveryTimeout: 1m
          cooldown: 1s
          probeInterval: 1s
        """;
}
