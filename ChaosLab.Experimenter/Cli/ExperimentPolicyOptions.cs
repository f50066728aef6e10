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
    public Option<string?> MaxPods { get; } = new("--max-pods")
    {
        Description = "Most pods one fault may affect (default 5).",
    };

    /// <summary>Namespace for bare manifests without one.</summary>
    public Option<string?> DefaultNamespace { get; } = new("--default-namespace")
    {
        Description = "Namespace for bare Chaos Mesh manifests that name none (default astronomy-shop, the namespace the AppHost installs the demo into).",
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

        // Parsed here rather than by System.CommandLine so that a bad value is invalid input (exit 2), like any other.
        int? maxPods = null;
        if (parseResult.GetValue(MaxPods) is { } maxPodsText)
        {
            if (!int.TryParse(maxPodsText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            {
                return (null, $"--max-pods: '{maxPodsText}' is not allowed; expected a whole number of pods, 1 or more");
            }

            maxPods = parsed;
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
