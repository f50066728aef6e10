using System.Collections.Immutable;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting;

/// <summary>State and property updates of the lab's custom resources, published to the dashboard.</summary>
public static class LabResourceStates
{
    /// <summary>Property with the reason of the last failure.</summary>
    public const string FailureProperty = "chaoslab.failure";

    /// <summary>The state shown while a port-forward waits to restart.</summary>
    public static ResourceStateSnapshot Restarting { get; } = new("Restarting", KnownResourceStateStyles.Warn);

    /// <summary>The state of a stopped minikube profile.</summary>
    public static ResourceStateSnapshot Stopped { get; } = new("Stopped", KnownResourceStateStyles.Info);

    /// <summary>The state of a deleted profile or an uninstalled release.</summary>
    public static ResourceStateSnapshot Removed { get; } = new("Removed", KnownResourceStateStyles.Info);

    /// <summary>Running (success style).</summary>
    public static ResourceStateSnapshot Running { get; } = new(KnownResourceStates.Running, KnownResourceStateStyles.Success);

    /// <summary>Starting (info style).</summary>
    public static ResourceStateSnapshot Starting { get; } = new(KnownResourceStates.Starting, KnownResourceStateStyles.Info);

    /// <summary>FailedToStart (error style).</summary>
    public static ResourceStateSnapshot FailedToStart { get; } = new(KnownResourceStates.FailedToStart, KnownResourceStateStyles.Error);

    /// <summary>Publishes <paramref name="state"/> and sets <paramref name="properties"/> (replacing same-named ones).</summary>
    public static Task PublishStateAsync(
        this ResourceNotificationService notifications, IResource resource, ResourceStateSnapshot state, params (string Name, object? Value)[] properties)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        return notifications.PublishUpdateAsync(resource, snapshot => snapshot with
        {
            State = state,
            Properties = Merge(snapshot.Properties, properties),
        });
    }

    /// <summary>Publishes Running with <paramref name="properties"/>, stamping the start time on the first Running.</summary>
    public static Task PublishRunningAsync(
        this ResourceNotificationService notifications, IResource resource, TimeProvider timeProvider, params (string Name, object? Value)[] properties)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return notifications.PublishUpdateAsync(resource, snapshot => snapshot with
        {
            State = Running,
            Properties = Merge(snapshot.Properties, properties),
            StartTimeStamp = snapshot.StartTimeStamp ?? now,
        });
    }

    /// <summary>
    /// Marks the resource FailedToStart with <paramref name="reason"/>, and writes the reason to its
    /// console log and to the AppHost's own console (Error).
    /// </summary>
    public static Task FailAsync(
        this ResourceNotificationService notifications, IResource resource, string reason, ILogger resourceLog, ILogger appLog)
    {
        ArgumentNullException.ThrowIfNull(resource);
        resourceLog.Failed(reason);
        appLog.ResourceFailed(resource.Name, reason);
        return notifications.PublishStateAsync(resource, FailedToStart, (FailureProperty, reason));
    }

    /// <summary>Replaces or adds properties by name.</summary>
    public static ImmutableArray<ResourcePropertySnapshot> Merge(ImmutableArray<ResourcePropertySnapshot> existing, params (string Name, object? Value)[] properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var names = properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var kept = existing.IsDefault ? [] : existing.Where(p => !names.Contains(p.Name));
        return [.. kept, .. properties.Select(p => new ResourcePropertySnapshot(p.Name, p.Value))];
    }
}
