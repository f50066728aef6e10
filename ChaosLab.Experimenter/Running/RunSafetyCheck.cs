using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Safety;
using ChaosLab.Experimenter.Kubernetes;
using k8s;

namespace ChaosLab.Experimenter.Running;

/// <summary>
/// The safety policy at run time, in preflight, before anything is created: every namespace the fault's
/// selectors name must not be protected, and the pods the selectors match in the live cluster (namespaces,
/// labelSelectors, expressionSelectors, annotationSelectors, fieldSelectors, podPhaseSelectors or an explicit
/// pod list, read through the one retry policy) go through the same <see cref="BlastRadiusPolicy"/> as validation. A refusal fails the run with the
/// count and the limit in the message.
/// </summary>
public sealed class RunSafetyCheck(IKubernetes client, BlastRadiusPolicy policy, ClusterCalls calls)
{
    /// <summary>The policy enforced.</summary>
    public BlastRadiusPolicy Policy { get; } = policy ?? throw new ArgumentNullException(nameof(policy));

    /// <summary>Checks <paramref name="experiment"/>'s fault against the live cluster; throws <see cref="RunFailedException"/> on a refusal.</summary>
    public async Task CheckAsync(Experiment experiment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        if (experiment.Fault is not ChaosMeshFault fault)
        {
            return;
        }

        var parts = new List<(PodSelection, int?)>();
        foreach (var owner in Owners(fault))
        {
            var selection = PodSelection.From(owner, experiment.Namespace);
            if (selection.AllNamespaces.FirstOrDefault(this.Policy.Limits.IsProtected) is { } protectedNamespace)
            {
                throw new RunFailedException(this.Policy.Limits.ProtectedMessage(protectedNamespace));
            }

            parts.Add((selection, await this.CountAsync(selection, cancellationToken)));
        }

        if (this.Policy.Refusal(parts, experiment.Guardrails.MaxPodsAffected, "in the live cluster") is { } refusal)
        {
            throw new RunFailedException("blast radius: " + refusal);
        }
    }

    // The spec's selector, and a NetworkChaos target's when the direction makes it a target too.
    private static IEnumerable<JsonObject> Owners(ChaosMeshFault fault)
    {
        yield return fault.Spec;
        var direction = fault.Spec["direction"]?.GetValue<string>() ?? "to";
        if (fault.Kind == ChaosKind.NetworkChaos && direction is "from" or "both" && fault.Spec["target"] is JsonObject target)
        {
            yield return target;
        }
    }

    private async Task<int> CountAsync(PodSelection selection, CancellationToken cancellationToken)
    {
        var count = 0;
        if (selection.Pods is { } listed)
        {
            // Chaos Mesh takes exactly the listed pods that exist.
            foreach (var (ns, names) in listed)
            {
                var pods = await calls.RunAsync($"list pods in {ns}", ct => client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: ct), cancellationToken);
                count += pods.Items.Count(p => p.Metadata.DeletionTimestamp is null && names.Contains(p.Metadata.Name, StringComparer.Ordinal));
            }

            return count;
        }

        string labelSelector;
        try
        {
            labelSelector = selection.LabelSelector;
        }
        catch (ArgumentException e)
        {
            throw new RunFailedException("selector: " + e.Message, e);
        }

        foreach (var ns in selection.Namespaces)
        {
            var pods = await calls.RunAsync($"list pods in {ns}", ct => client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: labelSelector, fieldSelector: selection.FieldSelector, cancellationToken: ct), cancellationToken);
            count += pods.Items.Count(p => p.Metadata.DeletionTimestamp is null
                && selection.Matches(Map(p.Metadata.Labels), Map(p.Metadata.Annotations), p.Status?.Phase));
        }

        return count;
    }

    private static Dictionary<string, string> Map(IDictionary<string, string>? values) =>
        values is null ? new Dictionary<string, string>() : new Dictionary<string, string>(values, StringComparer.Ordinal);
}
