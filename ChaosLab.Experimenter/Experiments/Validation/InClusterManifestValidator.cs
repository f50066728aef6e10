using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Parsing;

namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>
/// Validates a bare Schedule or Workflow manifest: object metadata, the 2.8.3 CRD schema of the kind
/// (which covers every nested chaos spec), the webhook rules (<see cref="ScheduleRules"/>,
/// <see cref="WorkflowRules"/>) and the safety policy on every nested chaos, each error at the line
/// and column where the offending field is written.
/// </summary>
public static class InClusterManifestValidator
{
    /// <summary>True when <paramref name="root"/> says <c>kind: Schedule</c> or <c>kind: Workflow</c>.</summary>
    public static bool IsInCluster(YamlSourceMapping root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return root.Get("kind") is YamlSourceScalar { Value: nameof(InClusterKind.Schedule) or nameof(InClusterKind.Workflow) };
    }

    /// <summary>Validates <paramref name="root"/>; the manifest when it has no error.</summary>
    public static InClusterManifest? Validate(YamlSourceMapping root, ValidationErrors errors, ExperimentValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(options);
        var before = errors.Count;
        var reader = new FieldReader(errors);
        var result = ChaosObjectParser.Read(root, string.Empty, bare: true, reader);
        var metadata = root.Get("metadata") as YamlSourceMapping;
        var @namespace = result.Namespace ?? options.DefaultNamespace;
        if (result.Name is { } name && KubernetesNames.CheckDnsLabel(name) is { } nameError)
        {
            errors.Add(metadata?.Get("name"), "metadata.name", nameError);
        }

        if (KubernetesNames.CheckDnsLabel(@namespace) is { } nsError)
        {
            errors.Add(metadata?.Get("namespace"), "metadata.namespace", nsError);
        }
        else if (SafetyPolicy.IsProtected(@namespace, options))
        {
            errors.Add(metadata?.Get("namespace") ?? (YamlSourceNode)root, "metadata.namespace", SafetyPolicy.ProtectedMessage(@namespace, options));
        }

        if (result.InClusterKind is not { } kind || result.Source.Manifest["spec"] is not JsonObject spec)
        {
            return null;
        }

        var issues = new List<SchemaIssue>();
        if (CrdSchemas.For(kind)["properties"]?["spec"] is JsonObject specSchema)
        {
            StructuralSchemaValidator.Validate(spec, specSchema, "spec", issues);
        }

        var nested = new NestedChaosCheck(options, @namespace);
        if (kind == InClusterKind.Schedule)
        {
            ScheduleRules.Check(spec, "spec", nested, issues);
        }
        else
        {
            WorkflowRules.Check(spec, "spec", nested, issues);
        }

        var source = result.Source;
        foreach (var issue in issues.DistinctBy(i => (i.Path, i.Message)).Where(i => !source.Positions.IsUnconverted(i.Path)))
        {
            errors.Add(source.Positions.Find(issue.Path), FieldPath.Join(source.PathPrefix, issue.Path), issue.Message);
        }

        return errors.Count > before || result.Name is null
            ? null
            : new InClusterManifest(kind, result.Name, @namespace, source.Manifest);
    }
}
