namespace ChaosLab.Experimenter.Cli;

/// <summary>The raw option values of <c>chaoslab analyze</c> (validated by the command, so errors can name the option).</summary>
public sealed record AnalyzeArguments
{
    /// <summary><c>--prometheus</c>.</summary>
    public string? Prometheus { get; init; }

    /// <summary><c>--service</c> (repeatable): every value given, in order.</summary>
    public IReadOnlyList<string> Services { get; init; } = [];

    /// <summary>The one <c>--service</c> (null when none or several were given); setting it replaces <see cref="Services"/>.</summary>
    public string? Service
    {
        get => Services.Count == 1 ? Services[0] : null;
        init => Services = value is null ? [] : [value];
    }

    /// <summary><c>--all-services</c>: every <c>service_name</c> with span metrics in the window.</summary>
    public bool AllServices { get; init; }

    /// <summary><c>--clock-offset</c>: Prometheus's clock minus the clock the times were given in (duration or seconds, may be negative).</summary>
    public string? ClockOffset { get; init; }

    /// <summary><c>--span</c>.</summary>
    public string? Span { get; init; }

    /// <summary><c>--span-kind</c>.</summary>
    public string? SpanKind { get; init; }

    /// <summary><c>--from</c>.</summary>
    public string? From { get; init; }

    /// <summary><c>--fault-start</c>.</summary>
    public string? FaultStart { get; init; }

    /// <summary><c>--fault-end</c>.</summary>
    public string? FaultEnd { get; init; }

    /// <summary><c>--to</c>.</summary>
    public string? To { get; init; }

    /// <summary><c>--step</c>.</summary>
    public string? Step { get; init; }

    /// <summary><c>--hold</c>.</summary>
    public string? Hold { get; init; }

    /// <summary><c>--format</c>.</summary>
    public string? Format { get; init; }

    /// <summary><c>--query</c> (repeatable): <c>&lt;sli&gt;=&lt;template&gt;</c>.</summary>
    public IReadOnlyList<string> Queries { get; init; } = [];

    /// <summary><c>--band</c> (repeatable): <c>&lt;sli&gt;=&lt;lower&gt;..&lt;upper&gt;</c>.</summary>
    public IReadOnlyList<string> Bands { get; init; } = [];

    /// <summary><c>--journal</c>.</summary>
    public string? Journal { get; init; }
}
