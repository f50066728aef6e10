using Microsoft.Extensions.Configuration;

namespace ChaosLab.AppHost.Hosting.Configuration;

/// <summary>
/// Reads <c>Lab:Workloads</c>: a configuration array (<c>Lab:Workloads:0</c>, <c>:1</c>, …) or one comma-separated
/// string (<c>Lab__Workloads=AstronomyShop,OnlineBoutique</c>), names case-insensitive. Absent or empty means the
/// Astronomy Shop alone, as before the setting existed.
/// </summary>
public static class LabWorkloads
{
    /// <summary>The configuration key.</summary>
    public const string Key = "Lab:Workloads";

    /// <summary>The valid names, for error messages.</summary>
    public static string ValidNames { get; } = string.Join(", ", Enum.GetNames<LabWorkload>());

    /// <summary>The selected workloads and the names that are not workloads (each reported once by validation).</summary>
    public static (IReadOnlySet<LabWorkload> Selected, IReadOnlyList<string> Unknown) Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Key);
        var names = section.Value is { } single
            ? single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0).ToArray();
        var selected = new SortedSet<LabWorkload>();
        var unknown = new List<string>();
        foreach (var name in names)
        {
            if (Enum.TryParse<LabWorkload>(name, ignoreCase: true, out var workload) && Enum.IsDefined(workload) && !int.TryParse(name, out _))
            {
                selected.Add(workload);
            }
            else
            {
                unknown.Add(name);
            }
        }

        if (selected.Count == 0 && unknown.Count == 0)
        {
            selected.Add(LabWorkload.AstronomyShop);
        }

        return (selected, unknown);
    }
}
