using Aspire.Hosting.ApplicationModel;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>The worker API token of this AppHost start, kept on the experimenter so its experiment resources and their
/// state poller call the same API (never shown in the dashboard or logged).</summary>
internal sealed class ExperimenterApiAnnotation(string token) : IResourceAnnotation
{
    /// <summary>The bearer token handed to the worker as <c>CHAOSLAB_API_TOKEN</c>.</summary>
    public string Token { get; } = token;
}
