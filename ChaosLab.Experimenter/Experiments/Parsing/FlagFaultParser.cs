using ChaosLab.Experimenter.Experiments.Demo;
using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>Reads <c>fault.flag</c>: which demo flag is switched to which variant, what it is switched back to, and
/// where the flagd ConfigMap is; flags and variants are checked against the demo's flag file.</summary>
public static class FlagFaultParser
{
    /// <summary>Reads the flag fault of <paramref name="faultMap"/>; null when it has errors (they are in the reader).</summary>
    public static FlagFault? Read(YamlSourceMapping faultMap, FieldReader reader, FlagCatalog flags)
    {
        const string path = "fault.flag";
        var map = reader.Mapping(faultMap, "fault", "flag", required: true, "a flag fault {name, variant, restoreVariant, configMap}");
        if (map is null)
        {
            return null;
        }

        reader.OnlyKeys(map, path, "name", "variant", "restoreVariant", "configMap");
        var name = reader.Text(map, path, "name", required: true);
        var variant = map.Get("variant") is null ? "on" : reader.Text(map, path, "variant", required: true);
        var restore = map.Get("restoreVariant") is null ? null : reader.Text(map, path, "restoreVariant", required: true);

        var location = FlagdConfigMapLocation.Default;
        var cm = reader.Mapping(map, path, "configMap", required: false, "the flagd ConfigMap {namespace, name, key}");
        if (cm is not null)
        {
            var cmPath = FieldPath.Child(path, "configMap");
            reader.OnlyKeys(cm, cmPath, "namespace", "name", "key");
            var cmNamespace = reader.Text(cm, cmPath, "namespace", required: false);
            var cmName = reader.Text(cm, cmPath, "name", required: false) ?? location.Name;
            var cmKey = reader.Text(cm, cmPath, "key", required: false) ?? location.Key;
            if (cmNamespace is not null && KubernetesNames.CheckDnsLabel(cmNamespace) is { } e)
            {
                reader.Errors.Add(cm.Get("namespace"), FieldPath.Child(cmPath, "namespace"), e);
            }

            location = new FlagdConfigMapLocation(cmNamespace, cmName, cmKey);
        }

        if (name is null || variant is null)
        {
            return null;
        }

        var flag = flags.Find(name);
        if (flag is null)
        {
            var known = flags.Flags.Select(f => f.Name).Order(StringComparer.Ordinal).ToArray();
            reader.Errors.Add(map.Get("name"), FieldPath.Child(path, "name"), $"unknown flag '{YamlSourceScalar.Shorten(name)}'{Suggestions.Hint(name, known)}; the demo's flags are: {string.Join(", ", known)}");
            return null;
        }

        if (!flag.Variants.Contains(variant, StringComparer.Ordinal))
        {
            reader.Errors.Add(map.Get("variant") ?? map, FieldPath.Child(path, "variant"), $"flag '{name}' has no variant '{YamlSourceScalar.Shorten(variant)}'; its variants are: {string.Join(", ", flag.Variants)}");
            return null;
        }

        restore ??= flag.DefaultVariant;
        if (!flag.Variants.Contains(restore, StringComparer.Ordinal))
        {
            reader.Errors.Add(map.Get("restoreVariant") ?? map, FieldPath.Child(path, "restoreVariant"), $"flag '{name}' has no variant '{YamlSourceScalar.Shorten(restore)}'; its variants are: {string.Join(", ", flag.Variants)}");
            return null;
        }

        if (restore == variant)
        {
            reader.Errors.Add(map.Get("variant") ?? map, FieldPath.Child(path, "variant"), $"variant '{variant}' is the flag's normal state ('{restore}'), so the fault would change nothing; pick another variant: {string.Join(", ", flag.Variants.Where(v => v != restore))}");
            return null;
        }

        return new FlagFault(name, variant, restore, location);
    }
}
