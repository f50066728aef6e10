namespace ChaosLab.Experimenter.Scheduling;

/// <summary>What the worker does on its own (config section <c>Lab:Experimenter</c>).</summary>
public sealed record SchedulerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Lab:Experimenter";

    /// <summary><c>idle</c> (wait for commands; the default) or <c>suite</c> (run <see cref="DefaultSuite"/>).</summary>
    public string Mode { get; init; } = "idle";

    /// <summary>The suite run in <c>suite</c> mode (its <c>name</c>).</summary>
    public string DefaultSuite { get; init; } = "default";

    /// <summary>Folder of experiment files.</summary>
    public string ExperimentsPath { get; init; } = Path.Combine("manifests", "experiments");

    /// <summary>Folder of suite files.</summary>
    public string SuitesPath { get; init; } = Path.Combine("manifests", "suites");

    /// <summary>Remove the leftovers of earlier runs at start-up.</summary>
    public bool CleanOnStart { get; init; } = true;

    /// <summary>A relative folder as given when it exists from the working directory; otherwise the first
    /// match above the application's folder (a worker started from its project folder finds the repo's
    /// <c>manifests/</c>); otherwise as given.</summary>
    public static string Locate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Path.IsPathRooted(path) || Directory.Exists(path))
        {
            return path;
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        for (var depth = 0; dir is not null && depth < 10; depth++, dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, path);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return path;
    }

    /// <summary>Reads the options.</summary>
    public static SchedulerOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var defaults = new SchedulerOptions();
        return new SchedulerOptions
        {
            Mode = section["Mode"] ?? defaults.Mode,
            DefaultSuite = section["DefaultSuite"] ?? defaults.DefaultSuite,
            ExperimentsPath = Locate(section["ExperimentsPath"] ?? defaults.ExperimentsPath),
            SuitesPath = Locate(section["SuitesPath"] ?? defaults.SuitesPath),
            CleanOnStart = !bool.TryParse(section["CleanOnStart"], out var clean) || clean,
        };
    }
}
