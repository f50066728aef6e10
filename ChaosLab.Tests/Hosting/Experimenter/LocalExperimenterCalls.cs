using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using ChaosLab.AppHost.Hosting.Experimenter;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChaosLab.Tests.Hosting.Experimenter;

/// <summary>What the worker-contract tests do with the AppHost's local experimenter project: read the token the AppHost
/// hands it, point its endpoint at an in-process worker, and execute a dashboard command as the dashboard would.</summary>
internal static class LocalExperimenterCalls
{
    /// <summary>The token the AppHost puts in the experimenter's environment.</summary>
    public static async Task<string> ApiTokenOf(ProjectResource experimenter)
    {
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run));
        foreach (var callback in experimenter.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return context.EnvironmentVariables[ExperimenterResourceBuilderExtensions.ApiTokenVariable].ShouldBeOfType<string>();
    }

    /// <summary>Allocates the experimenter's API endpoint on 127.0.0.1:<paramref name="port"/> (the in-process worker).</summary>
    public static void PointAt(ProjectResource experimenter, int port)
    {
        var endpoint = experimenter.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == ExperimenterResourceBuilderExtensions.EndpointName);
        endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, "127.0.0.1", port);
    }

    /// <summary>Executes <paramref name="command"/> of <paramref name="resourceName"/>, every argument set to <paramref name="argument"/>.</summary>
    public static Task<ExecuteCommandResult> Execute(ResourceCommandAnnotation command, IServiceProvider services, string resourceName, string? argument) =>
        command.ExecuteCommand(new ExecuteCommandContext
        {
            ResourceName = resourceName,
            Services = services,
            Arguments = new InteractionInputCollection([.. command.Arguments.Select(a => new InteractionInput { Name = a.Name, InputType = a.InputType, Value = argument })]),
            Logger = NullLogger.Instance,
            CancellationToken = TestContext.Current.CancellationToken,
        });
}
