using System.Globalization;

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

    /// <summary>The first wait after a failed start-up cleanup; doubled per failure up to <see cref="CleanOnStartRetryMax"/>, with jitter.</summary>
    public TimeSpan CleanOnStartRetry { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two start-up cleanup attempts.</summary>
    public TimeSpan CleanOnStartRetryMax { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one start-up cleanup attempt may take before it counts as failed.</summary>
    public TimeSpan CleanOnStartAttemptTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The most runs waiting to start (API requests beyond it get 429).</summary>
    public int MaxQueuedRuns { get; init; } = 8;

    /// <summary>How long a halt (<c>POST /api/abort</c>) holds; null: until <c>POST /api/resume</c>.</summary>
    public TimeSpan? HaltHold { get; init; }

    /// <summary>Where the worker writes the API token it made when <c>CHAOSLAB_API_TOKEN</c> is not set.</summary>
    public string ApiTokenFile { get; init; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".chaoslab", "worker-token");

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
            CleanOnStartRetry = Positive(section, "CleanOnStartRetry") ?? defaults.CleanOnStartRetry,
            CleanOnStartRetryMax = Positive(section, "CleanOnStartRetryMax") ?? defaults.CleanOnStartRetryMax,
            CleanOnStartAttemptTimeout = Positive(section, "CleanOnStartAttemptTimeout") ?? defaults.CleanOnStartAttemptTimeout,
            MaxQueuedRuns = section["MaxQueuedRuns"] is not { Length: > 0 } max ? defaults.MaxQueuedRuns
                : int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out var bound) && bound > 0 ? bound
                : throw new ArgumentException($"{Section}:MaxQueuedRuns: '{max}' is not a positive whole number"),
            HaltHold = section["HaltHold"] is { Length: > 0 } hold && !string.Equals(hold, "until-resumed", StringComparison.OrdinalIgnoreCase)
                ? Positive(section, "HaltHold")
                : null,
            ApiTokenFile = section["ApiTokenFile"] is { Length: > 0 } file ? ExpandHome(file) : defaults.ApiTokenFile,
        };
    }

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'))
            : path;

    private static TimeSpan? Positive(IConfigurationSection section, string key) =>
        section[key] is not { Length: > 0 } text ? null
        : (Experiments.Model.GoDuration.TryParse(text, out var value, out _) || TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value)) && value > TimeSpan.Zero ? value
        : throw new ArgumentException($"{Section}:{key}: '{text}' is not a positive duration (e.g. 10m or 00:10:00)");
}
