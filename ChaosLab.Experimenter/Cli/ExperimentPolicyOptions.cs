using System.CommandLine;
using ChaosLab.Experimenter.Experiments.Parsing;
using ChaosLab.Experimenter.Experiments.Validation;

namespace ChaosLab.Experimenter.Cli;

/// <summary>The policy options shared by <c>validate</c> and <c>render</c>: protected namespaces, blast radius, default namespace.</summary>
public sealed class ExperimentPolicyOptions
{
    /// <summary>Extra protected namespaces (added to the defaults).</summary>
    public Option<string[]> ProtectedNamespaces { get; } = new("--protected-namespace")
    {
        Description = "Also refuse experiments that target this namespace (repeatable; kube-system, kube-public, kube-node-lease, chaos-mesh and chaoslab are always protected).",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>Blast-radius maximum.</summary>
    public Option<int?> MaxPods { get; } = new("--max-pods")
    {
        Description = "Most pods one fault may affect (default 5).",
    };

    /// <summary>Namespace for bare manifests without one.</summary>
    public Option<string?> DefaultNamespace { get; } = new("--default-namespace")
    {
        Description = "Namespace for bare Chaos Mesh manifests that name none (default otel-demo).",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(ProtectedNamespaces);
        command.Options.Add(MaxPods);
        command.Options.Add(DefaultNamespace);
    }

    /// <summary>The validation options, or the reason the given values are unusable.</summary>
    public (ExperimentValidationOptions? Options, string? Error) Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var defaults = ExperimentValidationOptions.Default;
        var extra = parseResult.GetValue(ProtectedNamespaces) ?? [];
        foreach (var ns in extra)
        {
            if (KubernetesNames.CheckDnsLabel(ns) is { } error)
            {
                return (null, $"--protected-namespace: {error}");
            }
        }

        var maxPods = parseResult.GetValue(MaxPods);
        if (maxPods is < 1)
        {
            return (null, $"--max-pods: {maxPods} is out of range; allowed: 1 or more");
        }

        var defaultNamespace = parseResult.GetValue(DefaultNamespace);
        if (defaultNamespace is not null && KubernetesNames.CheckDnsLabel(defaultNamespace) is { } nsError)
        {
            return (null, $"--default-namespace: {nsError}");
        }

        return (defaults with
        {
            ProtectedNamespaces = [.. defaults.ProtectedNamespaces.Union(extra, StringComparer.Ordinal)],
            MaxPodsAffected = maxPods ?? defaults.MaxPodsAffected,
            DefaultNamespace = defaultNamespace ?? defaults.DefaultNamespace,
        }, null);
    }
}
