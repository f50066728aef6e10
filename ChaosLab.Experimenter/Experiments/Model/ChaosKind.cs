namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>The Chaos Mesh kinds (group <c>chaos-mesh.org/v1alpha1</c>) an experiment may embed.</summary>
public enum ChaosKind
{
    /// <summary>Pod kill, pod failure, container kill.</summary>
    PodChaos,

    /// <summary>Delay, loss, duplicate, corrupt, partition, bandwidth between pods.</summary>
    NetworkChaos,

    /// <summary>CPU and memory stressors inside the target containers.</summary>
    StressChaos,

    /// <summary>Abort, delay, replace or patch HTTP/1 requests or responses (not gRPC, not HTTPS).</summary>
    HTTPChaos,

    /// <summary>DNS errors or random answers.</summary>
    DNSChaos,

    /// <summary>File-system latency, faults and attribute overrides.</summary>
    IOChaos,

    /// <summary>Clock skew inside the target containers.</summary>
    TimeChaos,

    /// <summary>Byteman faults inside a JVM: latency, exceptions, return values, stress, GC, MySQL client faults.</summary>
    JVMChaos,

    /// <summary>Kernel fault injection (slab, page allocation, bio) through BPF; needs bpfki on the nodes.</summary>
    KernelChaos,
}
