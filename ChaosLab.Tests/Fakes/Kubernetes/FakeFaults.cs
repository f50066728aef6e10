namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>The fake API server's fault plan: rules matched in order, each used a bounded number of times.</summary>
public sealed class FakeFaults
{
    private readonly Lock gate = new();
    private readonly List<FakeFaultRule> rules = [];

    /// <summary>Adds a rule and returns it (to read <see cref="FakeFaultRule.Hits"/> later).</summary>
    public FakeFaultRule Add(FakeFaultRule rule)
    {
        lock (this.gate)
        {
            this.rules.Add(rule);
        }

        return rule;
    }

    /// <summary>Every request fails with <paramref name="statusCode"/> for <paramref name="length"/> from now (an outage).</summary>
    public FakeFaultRule Outage(TimeSpan length, DateTimeOffset now, int statusCode = 503) =>
        this.Add(new FakeFaultRule { StatusCode = statusCode, Until = now + length });

    /// <summary>A burst: the next <paramref name="count"/> requests matching the path fail with <paramref name="statusCode"/>.</summary>
    public FakeFaultRule Burst(int count, int statusCode = 500, string? pathContains = null, string? method = null) =>
        this.Add(new FakeFaultRule { StatusCode = statusCode, Times = count, PathContains = pathContains, Method = method });

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (this.gate)
        {
            this.rules.Clear();
        }
    }

    /// <summary>The first live rule matching the request, counted as a hit; or null.</summary>
    public FakeFaultRule? Match(string method, string path, bool watch, DateTimeOffset now)
    {
        lock (this.gate)
        {
            var rule = this.rules.FirstOrDefault(r =>
                r.Hits < r.Times
                && (r.Until is null || now < r.Until)
                && (r.Method is null || string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase))
                && (r.PathContains is null || path.Contains(r.PathContains, StringComparison.Ordinal))
                && (r.Watch is null || r.Watch == watch)
                && (r.Probability >= 1 || (r.Random ?? System.Random.Shared).NextDouble() < r.Probability));
            if (rule is not null)
            {
                rule.Hits++;
            }

            return rule;
        }
    }
}
