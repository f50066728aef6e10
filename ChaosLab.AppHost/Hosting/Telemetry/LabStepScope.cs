using System.Diagnostics;

namespace ChaosLab.AppHost.Hosting.Telemetry;

/// <summary>One orchestration step in flight: its span and its stopwatch.</summary>
public sealed class LabStepScope : IDisposable
{
    private readonly string _step;
    private readonly string _resource;
    private readonly TimeProvider _timeProvider;
    private readonly long _started;
    private string _outcome = "error";
    private bool _disposed;

    internal LabStepScope(string step, string resource, TimeProvider timeProvider)
    {
        _step = step;
        _resource = resource;
        _timeProvider = timeProvider;
        _started = timeProvider.GetTimestamp();
        Activity = LabTelemetry.ActivitySource.StartActivity($"{step} {resource}");
        Activity?.SetTag("chaoslab.step", step);
        Activity?.SetTag("chaoslab.resource", resource);
    }

    /// <summary>The span (null when nobody listens).</summary>
    public Activity? Activity { get; }

    /// <summary>Adds a tag to the span.</summary>
    public LabStepScope Tag(string name, object? value)
    {
        Activity?.SetTag(name, value);
        return this;
    }

    /// <summary>Marks the step as done with <paramref name="outcome"/> (e.g. <c>started</c>, <c>reused</c>, <c>skipped</c>).</summary>
    public void Succeed(string outcome)
    {
        _outcome = outcome;
        Activity?.SetTag("chaoslab.outcome", outcome);
        Activity?.SetStatus(ActivityStatusCode.Ok);
    }

    /// <summary>Marks the step as failed with <paramref name="reason"/>.</summary>
    public void Fail(string reason)
    {
        _outcome = "error";
        Activity?.SetTag("chaoslab.outcome", "error");
        Activity?.SetStatus(ActivityStatusCode.Error, reason);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var elapsed = _timeProvider.GetElapsedTime(_started);
        LabTelemetry.StepDuration.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("chaoslab.step", _step),
            new KeyValuePair<string, object?>("chaoslab.resource", _resource),
            new KeyValuePair<string, object?>("chaoslab.outcome", _outcome));
        Activity?.Dispose();
    }
}
