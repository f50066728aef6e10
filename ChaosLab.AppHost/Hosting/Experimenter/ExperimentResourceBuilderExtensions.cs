using System.Globalization;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>Shows each shipped experiment and suite as a child resource of the experimenter, with a live state and
/// commands Run and Abort.</summary>
public static class ExperimentResourceBuilderExtensions
{
    /// <summary>Command "Run" on an experiment resource.</summary>
    public const string RunCommand = "run";

    /// <summary>Command "Abort" on an experiment resource.</summary>
    public const string AbortCommand = "abort";

    /// <summary>The dashboard's resource type of experiments and suites.</summary>
    public const string ExperimentType = "Experiment";

    /// <summary>The dashboard's resource type of suites.</summary>
    public const string SuiteType = "Suite";

    /// <summary>
    /// Adds one child resource per experiment in <c>manifests/experiments</c> and per suite in <c>manifests/suites</c>
    /// (found from <paramref name="appHostDirectory"/>; a suite is named <c>suite-NAME</c>), NotStarted until the worker
    /// answers, then Idle or the state of its latest run (see <see cref="ExperimentStates"/>), polled by
    /// <see cref="ExperimentStatePoller"/>. "Run" queues it (<c>POST /api/experiments/{name}/run</c> or
    /// <c>/api/suites/{name}/run</c>); "Abort" aborts its queued and running runs (<c>POST /api/runs/{id}/abort</c>).
    /// Call after <see cref="ExperimenterResourceBuilderExtensions.WithExperimenterCommands"/> or
    /// <see cref="InClusterExperimenterBuilderExtensions.AddInClusterExperimenter"/> (they hold the API's address and token).
    /// </summary>
    public static IResourceBuilder<T> WithExperimentResources<T>(this IResourceBuilder<T> experimenter, string appHostDirectory)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(experimenter);
        ArgumentException.ThrowIfNullOrWhiteSpace(appHostDirectory);
        var builder = experimenter.ApplicationBuilder;
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ExperimentStatePoller>());

        // The poll is one request every few seconds: its HttpClient lines would drown the AppHost's console.
        builder.Services.AddLogging(l => l.AddFilter($"System.Net.Http.HttpClient.{ExperimenterApiClient.HttpClientName}", LogLevel.Warning));
        var taken = builder.Resources.Select(r => r.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var manifest in ShippedManifests.Read(appHostDirectory).Where(m => taken.Add(m.ResourceName)))
        {
            var resource = new ExperimentResource(manifest, experimenter.Resource);
            builder.AddResource(resource)
                .WithParentRelationship(experimenter.Resource)
                .WithInitialState(new CustomResourceSnapshot
                {
                    ResourceType = manifest.Kind == ExperimentResourceKind.Suite ? SuiteType : ExperimentType,
                    State = KnownResourceStates.NotStarted,
                    Properties = LabResourceStates.Merge([], ("chaoslab.file", manifest.File), ("chaoslab.name", manifest.Name)),
                })
                .ExcludeFromManifest()
                .WithCommand(RunCommand, "Run", c => RunAsync(resource, c), new CommandOptions
                {
                    Description = manifest.Kind == ExperimentResourceKind.Suite
                        ? $"Queue suite '{manifest.Name}' on the worker (POST /api/suites/{manifest.Name}/run)."
                        : $"Queue experiment '{manifest.Name}' on the worker (POST /api/experiments/{manifest.Name}/run).",
                    IconName = "Play",
                    IsHighlighted = true,
                    UpdateState = c => c.ResourceSnapshot.State?.Text is { } s && s != KnownResourceStates.NotStarted && !ExperimentStates.Active.Contains(s)
                        ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
                })
                .WithCommand(AbortCommand, "Abort", c => AbortAsync(resource, c), new CommandOptions
                {
                    Description = "Abort this one's queued and running runs (POST /api/runs/{runId}/abort); the fault is removed by the run's cleanup. 'Abort all chaos' on the experimenter is the global halt.",
                    IconName = "Stop",
                    ConfirmationMessage = $"Abort the queued and running runs of '{manifest.Name}'? The fault is removed by the run's cleanup.",
                    UpdateState = c => c.ResourceSnapshot.State?.Text is { } s && ExperimentStates.Active.Contains(s)
                        ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
                });
        }

        return experimenter;
    }

    private static async Task<ExecuteCommandResult> RunAsync(ExperimentResource resource, ExecuteCommandContext context)
    {
        if (ExperimenterResourceBuilderExtensions.ApiOf(resource.Parent, context.Services) is not { } api)
        {
            return NotYet(resource);
        }

        return resource.Manifest.Kind == ExperimentResourceKind.Suite
            ? await api.RunSuiteAsync(resource.Manifest.Name, context.CancellationToken)
            : await api.RunExperimentAsync(resource.Manifest.Name, context.CancellationToken);
    }

    private static async Task<ExecuteCommandResult> AbortAsync(ExperimentResource resource, ExecuteCommandContext context)
    {
        if (ExperimenterResourceBuilderExtensions.ApiOf(resource.Parent, context.Services) is not { } api)
        {
            return NotYet(resource);
        }

        IReadOnlyList<LiveRun> runs;
        try
        {
            runs = await api.LiveAsync(context.CancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException || (e is TaskCanceledException && !context.CancellationToken.IsCancellationRequested))
        {
            return CommandResults.Failure($"The experimenter did not list its runs (GET /api/live): {e.Message}");
        }

        var manifest = resource.Manifest;
        var targets = runs.Where(r => r.State is "queued" or "running")
            .Where(r => manifest.Kind == ExperimentResourceKind.Suite ? r.Suite == manifest.Name : r.Experiment == manifest.Name)
            .ToList();
        if (targets.Count == 0)
        {
            return CommandResults.Failure($"Nothing to abort: no queued or running run of '{manifest.Name}'.");
        }

        var failures = new List<string>();
        foreach (var run in targets)
        {
            var result = await api.AbortRunAsync(run.RunId, context.CancellationToken);
            if (!result.Success)
            {
                failures.Add($"{run.RunId}: {result.Message}");
            }
        }

        return failures.Count == 0
            ? CommandResults.Success(string.Create(CultureInfo.InvariantCulture, $"Aborting {targets.Count} run(s) of '{manifest.Name}': {string.Join(", ", targets.Select(r => r.RunId))}."))
            : CommandResults.Failure($"Some runs of '{manifest.Name}' were not aborted: {string.Join("; ", failures)}");
    }

    private static ExecuteCommandResult NotYet(ExperimentResource resource) =>
        CommandResults.Failure($"The experimenter's {ExperimenterResourceBuilderExtensions.ApiAnnotationOf(resource.Parent)?.NotReady ?? "API is not set up"}; wait until '{resource.Parent.Name}' runs.");
}
