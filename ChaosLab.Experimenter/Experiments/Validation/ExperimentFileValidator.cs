using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Demo;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Parsing;

namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>
/// Validates one input file from its bytes: YAML, ChaosLab's format, the Chaos Mesh 2.8.3 CRD
/// schema, the webhook rules and ChaosLab's safety policy, collecting every error. Pure: no file
/// system, no cluster.
/// </summary>
public sealed class ExperimentFileValidator
{
    private readonly ExperimentValidationOptions _options;
    private readonly FlagCatalog _flags;

    /// <summary>Creates a validator with a policy and a flag catalog (default: the demo's flags).</summary>
    public ExperimentFileValidator(ExperimentValidationOptions? options = null, FlagCatalog? flags = null)
    {
        _options = options ?? ExperimentValidationOptions.Default;
        _flags = flags ?? FlagCatalog.Demo;
    }

    /// <summary>Validates <paramref name="content"/>, reporting errors against <paramref name="file"/>.</summary>
    public InputFileResult Validate(string file, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(file);
        var errors = new ValidationErrors(file);
        var root = YamlSourceReader.Read(content, errors);
        if (root is null)
        {
            return Result(file, InputKind.Unknown, null, null, [], errors);
        }

        if (root is not YamlSourceMapping mapping)
        {
            errors.Add(root, null, $"expected a mapping at the top (an experiment, a Chaos Mesh manifest or a suite), got {root.Describe()}");
            return Result(file, InputKind.Unknown, null, null, [], errors);
        }

        if (SuiteParser.IsSuite(mapping))
        {
            var suite = SuiteParser.Parse(mapping, new FieldReader(errors), file);
            return Result(file, InputKind.Suite, null, suite.Suite, suite.EntryPositions, errors);
        }

        var bare = ExperimentParser.IsBareManifest(mapping);
        if (bare && InClusterManifestValidator.IsInCluster(mapping))
        {
            var inCluster = InClusterManifestValidator.Validate(mapping, errors, _options);
            return Result(file, InputKind.InClusterManifest, null, null, [], errors) with { InCluster = errors.Count == 0 ? inCluster : null };
        }

        var parsed = ExperimentParser.Parse(mapping, errors, _options, _flags, file);
        CheckChaos(parsed, errors);
        CheckNamespaces(parsed, mapping, bare, errors);
        CheckGuardrailLimit(mapping, errors);
        if (parsed.Experiment?.Fault is IstioFault istio)
        {
            IstioFaultRules.Check(istio, mapping, errors);
        }

        var experiment = errors.Count == 0 ? parsed.Experiment : null;
        return Result(file, bare ? InputKind.BareManifest : InputKind.Experiment, experiment, null, [], errors);
    }

    private void CheckChaos(ParsedExperiment parsed, ValidationErrors errors)
    {
        if (parsed.Chaos is not { } chaos || parsed.Kind is not { } kind || chaos.Manifest["spec"] is not JsonObject spec)
        {
            return;
        }

        var issues = new List<SchemaIssue>();
        var schema = CrdSchemas.For(kind);
        if (schema["properties"]?["spec"] is JsonObject specSchema)
        {
            StructuralSchemaValidator.Validate(spec, specSchema, "spec", issues);
        }

        ChaosMeshRules.Check(kind, spec, issues);
        SafetyPolicy.Check(kind, spec, parsed.Namespace ?? _options.DefaultNamespace, _options, parsed.MaxPodsAffected, issues);

        foreach (var issue in issues.DistinctBy(i => (i.Path, i.Message)).Where(i => !chaos.Positions.IsUnconverted(i.Path)))
        {
            errors.Add(chaos.Positions.Find(issue.Path), FieldPath.Join(chaos.PathPrefix, issue.Path), issue.Message);
        }
    }

    private void CheckNamespaces(ParsedExperiment parsed, YamlSourceMapping root, bool bare, ValidationErrors errors)
    {
        if (parsed.Namespace is { } ns && SafetyPolicy.IsProtected(ns, _options))
        {
            errors.Add(parsed.NamespacePosition, bare ? "metadata.namespace" : "namespace", SafetyPolicy.ProtectedMessage(ns, _options));
        }

        if (parsed.Experiment?.Fault is FlagFault { ConfigMap.Namespace: { } flagNs } && SafetyPolicy.IsProtected(flagNs, _options))
        {
            var node = (((root.Get("fault") as YamlSourceMapping)?.Get("flag") as YamlSourceMapping)?.Get("configMap") as YamlSourceMapping)?.Get("namespace");
            errors.Add(node, "fault.flag.configMap.namespace", SafetyPolicy.ProtectedMessage(flagNs, _options));
        }
    }

    private void CheckGuardrailLimit(YamlSourceMapping root, ValidationErrors errors)
    {
        if ((root.Get("guardrails") as YamlSourceMapping)?.Get("maxPodsAffected") is YamlSourceScalar node
            && YamlScalarTyping.Resolve(node) is { Kind: YamlScalarKind.Integral } value
            && value.WholeNumber > _options.MaxPodsAffected)
        {
            errors.Add(node, "guardrails.maxPodsAffected", $"{value.WholeNumber} is above the configured maximum blast radius of {_options.MaxPodsAffected} pods (--max-pods); an experiment may only lower it");
        }
    }

    private static InputFileResult Result(string file, InputKind kind, Experiment? experiment, Suite? suite, IReadOnlyList<SourcePosition> positions, ValidationErrors errors)
    {
        var ordered = errors.Items
            .Select((e, i) => (e, i))
            .OrderBy(x => x.e.Position?.Line ?? 0)
            .ThenBy(x => x.e.Position?.Column ?? 0)
            .ThenBy(x => x.i)
            .Select(x => x.e)
            .ToList();
        if (errors.Count > ordered.Count)
        {
            ordered.Add(new ValidationError(file, null, null, $"... and {errors.Count - ordered.Count} more error(s); only the first {ValidationErrors.MaxKept} are shown"));
        }

        return new InputFileResult(file, kind, errors.Count == 0 ? experiment : null, errors.Count == 0 ? suite : null, positions, ordered)
        {
            TotalErrors = errors.Count > errors.Items.Count ? errors.Count : null,
        };
    }
}
