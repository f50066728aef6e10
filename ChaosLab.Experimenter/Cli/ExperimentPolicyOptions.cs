using System.CommandLine;
using System.Globalization;
using ChaosLab.Experimenter.Experiments.Parsing;
using ChaosLab.Experimenter.Experiments.Safety;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Experimenter.Cli;

/// <summary>The policy options shared by <c>validate</c>, <c>render</c> and <c>run</c>: protected namespaces, blast radius,
/// default namespace. They override the same configuration keys the worker reads.</summary>
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
        Description = "Most pods one fault may affect (default: Lab:Runner:MaxPodsAffected, else 5); checked at validation and against the live cluster before anything is created.",
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

    /// <summary>The validation options (configuration from the environment, overridden by these options), or the
    /// reason the given values are unusable. <c>run</c> hands the same overrides to the engine instead.</summary>
    public (ExperimentValidationOptions? Options, string? Error) Read(ParseResult parseResult)
    {
        var (overrides, error) = this.Overrides(parseResult);
        if (overrides is null)
        {
            return (null, error);
        }

        try
        {
            return (EngineServiceCollectionExtensions.ValidationOptions(EngineConfiguration.Build(overrides)), null);
        }
        catch (ArgumentException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>The options as configuration keys: <c>--protected-namespace</c> adds to
    /// <c>Lab:Runner:ProtectedNamespaces</c>, <c>--max-pods</c> overrides <c>Lab:Runner:MaxPodsAffected</c>,
    /// <c>--default-namespace</c> overrides <c>Lab:Runner:DefaultNamespace</c>; or the reason they are unusable.</summary>
    public (Dictionary<string, string?>? Overrides, string? Error) Overrides(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var overrides = new Dictionary<string, string?>();
        var extra = parseResult.GetValue(ProtectedNamespaces) ?? [];
        for (var i = 0; i < extra.Length; i++)
        {
            if (KubernetesNames.CheckDnsLabel(extra[i]) is { } error)
            {
                return (null, $"--protected-namespace: {error}");
            }

            // Keys of their own, so they add to the configured ones instead of replacing them.
            overrides[string.Create(CultureInfo.InvariantCulture, $"{SafetyLimits.ProtectedNamespacesKey}:cli-{i}")] = extra[i];
        }

        // Parsed here rather than by System.CommandLine so that a bad value is invalid input (exit 2), like any other.
        if (parseResult.GetValue(MaxPods) is { } maxPodsText)
        {
            if (!int.TryParse(maxPodsText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            {
                return (null, $"--max-pods: '{maxPodsText}' is not allowed; expected a whole number of pods, 1 or more");
            }

            overrides[SafetyLimits.MaxPodsKey] = parsed.ToString(CultureInfo.InvariantCulture);
        }

        var defaultNamespace = parseResult.GetValue(DefaultNamespace);
        if (defaultNamespace is not null)
        {
            if (KubernetesNames.CheckDnsLabel(defaultNamespace) is { } nsError)
            {
                return (null, $"--default-namespace: {nsError}");
            }

            overrides[EngineServiceCollectionExtensions.DefaultNamespaceKey] = defaultNamespace;
        }

        return (overrides, null);
    }
}
