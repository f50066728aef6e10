using System.Text.Json;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Kubernetes;
using k8s;
using k8s.Models;

namespace ChaosLab.Experimenter.Running;

/// <summary>The flag part of <see cref="OrphanCleaner"/>: finds the ConfigMaps a flag fault switched (marked by
/// <see cref="FlagFaultMarkers"/>) and switches each flag back to the variant its restore note names.</summary>
internal sealed class OrphanFlagRestorer(IKubernetes client, ClusterCalls calls, TimeSpan listBudget)
{
    /// <summary>Lists the ConfigMaps whose flag a flag fault switched (within the list budget); never throws for API errors.</summary>
    public async Task<(IList<V1ConfigMap> Items, string? Failure)> ListAsync(CancellationToken budget)
    {
        try
        {
            return ((await calls.RunAsync("list switched flags", ct => client.CoreV1.ListConfigMapForAllNamespacesAsync(labelSelector: FlagFaultMarkers.RunLabel, cancellationToken: ct), budget, listBudget)).Items, null);
        }
        catch (Exception e) when (OrphanCleaner.IsApiFailure(e, budget))
        {
            return ([], $"flags: could not list the ConfigMaps of flag faults ({OrphanCleaner.Describe(e)}); a flag may be left switched");
        }
    }

    /// <summary>Reports what is kept or unreadable and returns one restore per switched flag to undo (at most as many
    /// at once as <paramref name="slots"/> allows).</summary>
    public IEnumerable<Func<Task<OrphanRemoval>>> Plan(CleanReport report, (IList<V1ConfigMap> Items, string? Failure) list, HashSet<string> keep, DateTimeOffset? expiredAt, SemaphoreSlim slots, CancellationToken budget)
    {
        if (list.Failure is not null)
        {
            report.Failed.Add(list.Failure);
        }

        foreach (var map in list.Items)
        {
            var runId = map.Metadata.Labels?[FlagFaultMarkers.RunLabel];
            if (runId is not null && keep.Contains(runId))
            {
                continue;
            }

            var ns = map.Metadata.NamespaceProperty;
            var name = map.Metadata.Name;
            string? flag, variant, key, until;
            try
            {
                var note = JsonNode.Parse(map.Metadata.Annotations?[FlagFaultMarkers.RestoreAnnotation] ?? "{}") as JsonObject;
                (flag, variant, key, until) = (Text(note, "flag"), Text(note, "variant"), Text(note, "key"), Text(note, "until"));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                // Not JSON, or a field that is not a string: the note cannot say what to restore.
                report.Failed.Add($"ConfigMap {ns}/{name}: flag not restored ({OrphanCleaner.Describe(e)})");
                continue;
            }

            if (expiredAt is { } now && until is not null
                && DateTimeOffset.TryParse(until, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var end) && end > now)
            {
                report.Kept.Add($"flag {flag} in {ns}/{name} (run {runId} may still be in progress)");
                continue;
            }

            if (flag is null || variant is null || key is null)
            {
                report.Failed.Add($"ConfigMap {ns}/{name}: flag fault of run {runId} has no readable restore note");
                continue;
            }

            yield return () => this.RestoreAsync(ns, name, key, flag, variant, runId, slots, budget);
        }
    }

    private static string? Text(JsonObject? note, string field) => note?[field]?.GetValue<string>();

    private async Task<OrphanRemoval> RestoreAsync(string ns, string name, string key, string flag, string variant, string? runId, SemaphoreSlim slots, CancellationToken budget)
    {
        try
        {
            await slots.WaitAsync(budget);
            try
            {
                await FlagdConfigMap.SetVariantAsync(client, ns, name, key, flag, variant, null, null, budget, calls, Timeout.InfiniteTimeSpan);
            }
            finally
            {
                slots.Release();
            }

            return new(true, $"flag {flag} in {ns}/{name} restored to '{variant}' (left by run {runId})");
        }
        catch (Exception e) when (e is JsonException or RunFailedException || OrphanCleaner.IsApiFailure(e, budget))
        {
            return new(false, $"ConfigMap {ns}/{name}: flag not restored ({OrphanCleaner.Describe(e)})");
        }
    }
}
