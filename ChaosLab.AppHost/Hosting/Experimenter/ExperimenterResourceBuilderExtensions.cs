using System.Security.Cryptography;
using Aspire.Hosting.ApplicationModel;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>
/// Turns the experimenter worker's loopback API into dashboard commands on its resource and gives it a
/// health check on <c>/health</c> (which includes the worker's cluster reachability check).
/// </summary>
public static class ExperimenterResourceBuilderExtensions
{
    /// <summary>Command "Run experiment…" (asks which one).</summary>
    public const string RunExperimentCommand = "run-experiment";

    /// <summary>Command "Run default suite".</summary>
    public const string RunDefaultSuiteCommand = "run-default-suite";

    /// <summary>Command "Abort all chaos" (the global halt, with confirmation).</summary>
    public const string AbortCommand = "abort-all";

    /// <summary>Command "Resume runs" (lifts the halt of "Abort all chaos").</summary>
    public const string ResumeCommand = "resume-runs";

    /// <summary>The worker's API token variable; the AppHost sets a random token per start.</summary>
    public const string ApiTokenVariable = "CHAOSLAB_API_TOKEN";

    /// <summary>The name of "Run experiment…"'s argument: the experiment's <c>name</c>.</summary>
    public const string ExperimentArgument = "experiment";

    /// <summary>The worker's endpoint the commands and the health check use.</summary>
    public const string EndpointName = "http";

    /// <summary>The suite the worker runs by default (its <c>Lab:Experimenter:DefaultSuite</c> default).</summary>
    public const string DefaultSuite = "default";

    /// <summary>Longest a command waits for the worker (an abort deletes every ChaosLab object, so not short).</summary>
    private static readonly TimeSpan ApiTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Adds <c>WithHttpHealthCheck("/health")</c> and the commands "Run experiment…" (a choice of the
    /// experiments listed by <c>GET /api/experiments</c>), "Run default suite" (<paramref name="defaultSuite"/>),
    /// "Abort all chaos" and "Resume runs". They call the resource's own <c>http</c> endpoint with the API
    /// token (a random one per AppHost start, handed to the worker as <c>CHAOSLAB_API_TOKEN</c>), answer with
    /// the API's message, and are enabled only while the experimenter is Running. The endpoint is not proxied:
    /// the worker accepts only its own loopback address and port as <c>Host</c>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithExperimenterCommands(
        this IResourceBuilder<ProjectResource> experimenter, string defaultSuite = DefaultSuite)
    {
        ArgumentNullException.ThrowIfNull(experimenter);
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultSuite);
        var resource = experimenter.Resource;
        var token = NewApiToken();
        var workerDirectory = Path.GetDirectoryName(resource.GetProjectMetadata().ProjectPath) ?? Environment.CurrentDirectory;

        return experimenter
            .WithEndpoint(EndpointName, e => e.IsProxied = false)
            .WithEnvironment(ApiTokenVariable, token)
            .WithHttpHealthCheck("/health", endpointName: EndpointName)
            .WithApiCommands(
                new ExperimenterApiAnnotation(token, () => EndpointUrl(resource), $"'{EndpointName}' endpoint is not allocated yet", new LocalRunFiles(workerDirectory)),
                defaultSuite);
    }

    /// <summary>
    /// Keeps <paramref name="api"/> on the resource (for its experiment resources and their poller) and adds the four
    /// dashboard commands, called at the API's base URL with its token; enabled only while the resource is Running. The
    /// local project passes its own endpoint, the in-cluster experimenter its port-forward's URL.
    /// </summary>
    internal static IResourceBuilder<T> WithApiCommands<T>(this IResourceBuilder<T> experimenter, ExperimenterApiAnnotation api, string defaultSuite = DefaultSuite)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(experimenter);
        ArgumentNullException.ThrowIfNull(api);
        experimenter.ApplicationBuilder.Services.AddHttpClient(ExperimenterApiClient.HttpClientName, c => c.Timeout = ApiTimeout);
        var resource = experimenter.Resource;
        var (token, baseUrl, notReady) = (api.Token, api.BaseUrl, api.NotReady);
        return experimenter
            .WithAnnotation(api)
            .WithCommand(RunExperimentCommand, "Run experiment…", async c =>
            {
                var name = c.Arguments.GetString(ExperimentArgument);
                return string.IsNullOrWhiteSpace(name)
                    ? CommandResults.Failure("No experiment chosen. The list comes from the worker (GET /api/experiments); when it is empty, the experimenter's console log says why.")
                    : await WithApi(baseUrl, notReady, c.Services, (api, ct) => api.RunExperimentAsync(name, ct), token, c.CancellationToken);
            }, new CommandOptions
            {
                Description = "Queue one experiment on the worker (POST /api/experiments/{name}/run).",
                IconName = "Play",
                Arguments = [ExperimentChoice(resource, baseUrl, notReady, token)],
                UpdateState = WhileRunning,
            })
            .WithCommand(RunDefaultSuiteCommand, "Run default suite",
                c => WithApi(baseUrl, notReady, c.Services, (api, ct) => api.RunSuiteAsync(defaultSuite, ct), token, c.CancellationToken), new CommandOptions
                {
                    Description = $"Queue the experiments of suite '{defaultSuite}' in order (POST /api/suites/{defaultSuite}/run).",
                    IconName = "TaskListLtr",
                    UpdateState = WhileRunning,
                })
            .WithCommand(AbortCommand, "Abort all chaos",
                c => WithApi(baseUrl, notReady, c.Services, static (api, ct) => api.AbortAsync(ct), token, c.CancellationToken), new CommandOptions
                {
                    Description = "The global halt: abort the run in progress, cancel queued runs and suites, remove every ChaosLab chaos object and flag switch; no run starts until 'Resume runs' (POST /api/abort).",
                    IconName = "HandRight",
                    IsHighlighted = true,
                    ConfirmationMessage = "Abort all chaos? The running experiment is aborted, queued runs and suites are cancelled, every ChaosLab chaos object and flag switch in the cluster is removed, and no run starts until you press 'Resume runs'.",
                    UpdateState = WhileRunning,
                })
            .WithCommand(ResumeCommand, "Resume runs",
                c => WithApi(baseUrl, notReady, c.Services, static (api, ct) => api.ResumeAsync(ct), token, c.CancellationToken), new CommandOptions
                {
                    Description = "Lift the halt of 'Abort all chaos': runs may start again (POST /api/resume).",
                    IconName = "Play",
                    UpdateState = WhileRunning,
                });
    }

    private static ResourceCommandState WhileRunning(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.State?.Text == KnownResourceStates.Running ? ResourceCommandState.Enabled : ResourceCommandState.Disabled;

    /// <summary>The experiment choice; its options are loaded from the worker when the dialog opens.</summary>
    private static InteractionInput ExperimentChoice(IResource resource, Func<Uri?> baseUrl, string notReady, string token) => new()
    {
        Name = ExperimentArgument,
        Label = "Experiment",
        Description = "One of the worker's valid experiments (manifests/experiments).",
        InputType = InputType.Choice,
        Required = true,
        DynamicLoading = new InputLoadOptions
        {
            AlwaysLoadOnStart = true,
            LoadCallback = context => LoadExperimentChoicesAsync(resource, baseUrl, notReady, token, context),
        },
    };

    /// <summary>Fills the choice from <c>GET /api/experiments</c>; when the worker cannot answer, the choice stays
    /// empty and the reason goes to the experimenter's console log.</summary>
    private static async Task LoadExperimentChoicesAsync(IResource resource, Func<Uri?> baseUrl, string notReady, string token, LoadInputContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Input.Options = [];
        var log = context.Services.GetService<ResourceLoggerService>()?.GetLogger(resource) ?? NullLogger.Instance;
        if (Api(baseUrl(), context.Services, token) is not { } api)
        {
            log.ExperimentListUnavailable($"the {notReady}");
            return;
        }

        try
        {
            var names = await api.ExperimentNamesAsync(context.CancellationToken);
            context.Input.Options = [.. names.Select(n => KeyValuePair.Create(n, n))];
            if (names.Count == 0)
            {
                log.ExperimentListUnavailable("the worker lists no valid experiment (run 'chaoslab validate manifests/experiments')");
            }
        }
        catch (HttpRequestException ex)
        {
            log.ExperimentListUnavailable(ex.Message);
        }
        catch (TaskCanceledException ex) when (!context.CancellationToken.IsCancellationRequested)
        {
            log.ExperimentListUnavailable($"timed out: {ex.Message}");
        }
        catch (JsonException ex)
        {
            log.ExperimentListUnavailable($"the answer is not the expected JSON: {ex.Message}");
        }
    }

    private static async Task<ExecuteCommandResult> WithApi(
        Func<Uri?> baseUrl, string notReady, IServiceProvider services, Func<ExperimenterApiClient, CancellationToken, Task<ExecuteCommandResult>> call, string token, CancellationToken cancellationToken) =>
        Api(baseUrl(), services, token) is { } api
            ? await call(api, cancellationToken)
            : CommandResults.Failure($"The experimenter's {notReady}; wait until it runs.");

    /// <summary>How this start reaches the experimenter's API, or null when no API commands were added to it.</summary>
    internal static ExperimenterApiAnnotation? ApiAnnotationOf(IResource resource) =>
        resource.Annotations.OfType<ExperimenterApiAnnotation>().LastOrDefault();

    /// <summary>The experimenter's API with this start's token, or null while its address is unknown (the local project's
    /// endpoint not allocated yet) or when no API commands were added to it.</summary>
    internal static ExperimenterApiClient? ApiOf(IResource resource, IServiceProvider services) =>
        ApiAnnotationOf(resource) is { } api ? Api(api.BaseUrl(), services, api.Token) : null;

    /// <summary>The project's own <c>http</c> endpoint URL, or null before it is allocated.</summary>
    private static Uri? EndpointUrl(ProjectResource resource)
    {
        var endpoint = resource.GetEndpoint(EndpointName);
        return endpoint.Exists && endpoint.IsAllocated ? new Uri(endpoint.Url.TrimEnd('/') + "/") : null;
    }

    /// <summary>The API at <paramref name="baseUrl"/> with <paramref name="token"/>, or null while the address is unknown.</summary>
    private static ExperimenterApiClient? Api(Uri? baseUrl, IServiceProvider services, string token)
    {
        if (baseUrl is null)
        {
            return null;
        }

        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(ExperimenterApiClient.HttpClientName);
        return new ExperimenterApiClient(http, baseUrl, token);
    }

    /// <summary>A random token (256 bits, URL-safe), new at every AppHost start.</summary>
    internal static string NewApiToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
