namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>An injected API fault: requests matching <see cref="Method"/> and <see cref="PathContains"/>
/// get <see cref="StatusCode"/> (if set) after <see cref="Delay"/>, at most <see cref="Times"/> times;
/// a watch matching it is dropped after <see cref="DropWatchAfterEvents"/> events.</summary>
public sealed class FakeFaultRule
{
    /// <summary>HTTP method to match (GET, POST, PATCH, DELETE), or null for any.</summary>
    public string? Method { get; init; }

    /// <summary>Substring of the request path to match, or null for any path.</summary>
    public string? PathContains { get; init; }

    /// <summary>Only watch requests (true), only non-watch requests (false), or both (null).</summary>
    public bool? Watch { get; init; }

    /// <summary>Status to answer with (409, 500, 503 …) instead of serving the request.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Delay before answering (a slow API server).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>For watches: close the stream abruptly after this many events.</summary>
    public int? DropWatchAfterEvents { get; init; }

    /// <summary>For watches: send an ERROR event with a 410 Gone Status after this many events, then end the
    /// stream (the resourceVersion expired mid-stream; the client must list again).</summary>
    public int? ExpireWatchAfterEvents { get; init; }

    /// <summary>Serve the request (its change is made), then cut the connection before answering: a lost answer.</summary>
    public bool LoseAnswer { get; init; }

    /// <summary>Runs when the rule hits, before the request is answered (e.g. change the store "during the gap").</summary>
    public Action? OnHit { get; init; }

    /// <summary>Only before this moment (on the server's clock): an outage of a set length.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Hit only this share of matching requests (0..1), drawn from <see cref="Random"/>.</summary>
    public double Probability { get; init; } = 1;

    /// <summary>The random source for <see cref="Probability"/> (seed it for a reproducible campaign).</summary>
    public Random? Random { get; init; }

    /// <summary>How many matching requests the rule applies to.</summary>
    public int Times { get; set; } = int.MaxValue;

    /// <summary>How many requests the rule has hit so far.</summary>
    public int Hits { get; set; }
}
