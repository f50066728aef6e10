using Aspire.Hosting.ApplicationModel;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>How this AppHost start reaches an experimenter's worker API, kept on the experimenter so its commands, its
/// experiment resources and their state poller call the same API: the token (never shown in the dashboard or logged),
/// the base URL (null while unknown), what to say while it is unknown, and where its runs' files are on this machine.</summary>
internal sealed class ExperimenterApiAnnotation(string token, Func<Uri?> baseUrl, string notReady, IRunFiles files) : IResourceAnnotation
{
    /// <summary>The bearer token handed to the worker (<c>CHAOSLAB_API_TOKEN</c>, or the in-cluster Secret).</summary>
    public string Token { get; } = token;

    /// <summary>The API's base URL: the local project's endpoint, or the in-cluster worker's port-forward; null while unknown.</summary>
    public Func<Uri?> BaseUrl { get; } = baseUrl;

    /// <summary>Why the API cannot be called yet, e.g. "'http' endpoint is not allocated yet".</summary>
    public string NotReady { get; } = notReady;

    /// <summary>Where the worker's journals and reports are, seen from this machine.</summary>
    public IRunFiles Files { get; } = files;
}
