namespace ChaosLab.Experimenter.Experiments.Demo;

/// <summary>What a demo service speaks on its service port (decides whether HTTPChaos can act on it).</summary>
public enum ServiceProtocol
{
    /// <summary>Not pinned by ChaosLab (newer demo components); HTTPChaos is neither refused nor suggested.</summary>
    Unknown,

    /// <summary>No HTTP server (Kafka, Valkey, Postgres, consumers, the load generator).</summary>
    NotHttp,

    /// <summary>Plain HTTP/1.1: HTTPChaos works.</summary>
    Http1,

    /// <summary>gRPC over HTTP/2: HTTPChaos cannot act (chaos-mesh issue 2611).</summary>
    Grpc,
}
