using System.Text;
using ChaosLab.Experimenter.Experiments.Rendering;

namespace ChaosLab.Experimenter.Export;

/// <summary>The exported YAML: a comment at the top that lists what was left out, then the object.</summary>
public static class ExportWriter
{
    /// <summary>The text to write for <paramref name="result"/>.</summary>
    public static string Write(ExportResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.Append("# Exported by chaoslab for Chaos Mesh 2.8.3: kubectl apply -f <this file>. No ChaosLab process runs it.\n");
        text.Append("# Not expressible in-cluster, so NOT part of this object:\n");
        foreach (var line in result.NotExported)
        {
            text.Append("#   - ").Append(line.ReplaceLineEndings(" ")).Append('\n');
        }

        text.Append(YamlWriter.Write([result.Manifest]));
        return text.ToString();
    }
}
