using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>
/// Reads an embedded (or bare) Chaos Mesh object: apiVersion, kind, metadata and spec. The spec
/// itself is checked later against the CRD schema and the webhook rules.
/// </summary>
public static class ChaosObjectParser
{
    /// <summary>What was read; <see cref="Kind"/> is null when the kind is missing or unknown.</summary>
    public sealed record Result(ChaosKind? Kind, ChaosManifestSource Source, string? Name, string? Namespace)
    {
        /// <summary>Schedule or Workflow (bare manifests only); <see cref="Kind"/> is then null.</summary>
        public InClusterKind? InClusterKind { get; init; }
    }

    /// <summary>Reads the object at <paramref name="path"/>. <paramref name="bare"/>: a whole manifest (name and namespace allowed).</summary>
    public static Result Read(YamlSourceMapping obj, string path, bool bare, FieldReader reader)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(reader);
        var errors = reader.Errors;
        foreach (var (key, _) in obj.Entries)
        {
            if (key.Value == "status")
            {
                errors.Add(key, FieldPath.Child(path, "status"), "status is written by the Chaos Mesh controller; remove it");
            }
        }

        reader.OnlyKeys(obj, path, "apiVersion", "kind", "metadata", "spec", "status");

        var apiVersion = reader.Text(obj, path, "apiVersion", required: bare);
        if (apiVersion is not null && apiVersion != ChaosKinds.ApiVersion)
        {
            errors.Add(obj.Get("apiVersion"), FieldPath.Child(path, "apiVersion"), $"'{YamlSourceScalar.Shorten(apiVersion)}' is not supported; expected {ChaosKinds.ApiVersion} (Chaos Mesh 2.8.3)");
        }

        ChaosKind? kind = null;
        InClusterKind? inCluster = null;
        var kindName = reader.Text(obj, path, "kind", required: true);
        if (kindName is not null)
        {
            if (ChaosKinds.TryParse(kindName, out var parsed))
            {
                kind = parsed;
            }
            else if (bare && kindName is nameof(Model.InClusterKind.Schedule) or nameof(Model.InClusterKind.Workflow))
            {
                inCluster = Enum.Parse<InClusterKind>(kindName);
            }
            else
            {
                var names = ChaosKinds.All.Select(ChaosKinds.KindName).ToArray();
                var why = kindName is "Schedule" or "Workflow" or "StatusCheck"
                    ? "; an experiment's fault is one chaos object (schedule experiments with a suite; a Schedule or Workflow is validated as a manifest of its own, and chaoslab export makes one from a suite)"
                    : string.Empty;
                errors.Add(obj.Get("kind"), FieldPath.Child(path, "kind"), $"unknown kind '{YamlSourceScalar.Shorten(kindName)}'{Suggestions.Hint(kindName, names)}; supported: {string.Join(", ", names)}{why}");
            }
        }

        string? name = null;
        string? @namespace = null;
        var metadataPath = FieldPath.Child(path, "metadata");
        var metadata = reader.Mapping(obj, path, "metadata", required: false, "object metadata");
        if (metadata is not null)
        {
            if (bare)
            {
                reader.OnlyKeys(metadata, metadataPath, "name", "namespace", "labels", "annotations");
                name = reader.Text(metadata, metadataPath, "name", required: true);
                @namespace = reader.Text(metadata, metadataPath, "namespace", required: false);
            }
            else
            {
                foreach (var (key, _) in metadata.Entries)
                {
                    if (key.Value is "name" or "namespace" or "generateName")
                    {
                        errors.Add(key, FieldPath.Child(metadataPath, key.Value), $"metadata.{key.Value} is set by ChaosLab from the experiment's name, run id and namespace; remove it");
                    }
                }

                reader.OnlyKeys(metadata, metadataPath, "labels", "annotations", "name", "namespace", "generateName");
            }

            // A Schedule or Workflow may carry ChaosLab's labels (an export does): no run of ours sets them there.
            ReadStringMap(metadata, metadataPath, "labels", reader, labels: true, ownLabelsAllowed: inCluster is not null);
            ReadStringMap(metadata, metadataPath, "annotations", reader, labels: false, ownLabelsAllowed: true);
        }
        else if (bare)
        {
            errors.Add(obj, metadataPath, "required field is missing (a bare manifest needs metadata.name)");
        }

        var spec = reader.Mapping(obj, path, "spec", required: true, "the Chaos Mesh spec");

        // The manifest ChaosLab keeps: apiVersion, kind, labels/annotations and spec (name and namespace are ChaosLab's).
        var positions = new SourceMap();
        var manifest = new JsonObject
        {
            ["apiVersion"] = ChaosKinds.ApiVersion,
            ["kind"] = kindName,
        };
        if (metadata is not null)
        {
            var meta = new JsonObject();
            foreach (var key in new[] { "labels", "annotations" })
            {
                if (metadata.Get(key) is YamlSourceMapping m)
                {
                    meta[key] = YamlJson.Convert(m, new SourceMap(), new Validation.ValidationErrors(errors.File), string.Empty);
                }
            }

            manifest["metadata"] = meta;
        }

        if (spec is not null)
        {
            var specMap = new SourceMap();
            var json = YamlJson.Convert(spec, specMap, errors, FieldPath.Child(path, "spec"));
            manifest["spec"] = json;
            positions = specMap.WithPrefix("spec");
        }

        positions.Set(string.Empty, obj.Start);
        if (obj.GetKey("kind") is { } kindKey)
        {
            positions.Set("kind", kindKey.Start);
        }

        return new Result(kind, new ChaosManifestSource(manifest, path, positions), name, @namespace) { InClusterKind = inCluster };
    }

    private static void ReadStringMap(YamlSourceMapping metadata, string metadataPath, string key, FieldReader reader, bool labels, bool ownLabelsAllowed)
    {
        var map = reader.Mapping(metadata, metadataPath, key, required: false, labels ? "labels (key: value)" : "annotations (key: value)");
        if (map is null)
        {
            return;
        }

        var mapPath = FieldPath.Child(metadataPath, key);
        foreach (var (k, v) in map.Entries)
        {
            var entryPath = FieldPath.Child(mapPath, k.Value);
            var value = reader.StringValue(v, entryPath, required: true, allowEmpty: true);
            if (!labels)
            {
                continue;
            }

            if (KubernetesNames.CheckLabelKey(k.Value) is { } keyError)
            {
                reader.Errors.Add(k, entryPath, keyError);
            }
            else if (!ownLabelsAllowed && k.Value is ChaosLabLabels.ManagedBy or ChaosLabLabels.RunId or ChaosLabLabels.Experiment)
            {
                reader.Errors.Add(k, entryPath, $"label '{k.Value}' is set by ChaosLab; remove it");
            }

            if (value is not null && KubernetesNames.CheckLabelValue(value) is { } valueError)
            {
                reader.Errors.Add(v, entryPath, valueError);
            }
        }
    }
}
