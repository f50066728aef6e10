using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>A Kubernetes watch as an <see cref="IAsyncEnumerable{T}"/> that survives dropped streams:
/// it resumes from the last resourceVersion seen (bookmarks included), starts over from current state
/// when the server says 410 Gone, and gives up after a bounded number of reconnects without progress.</summary>
public static class ResumableWatch
{
    /// <summary>Watches; <paramref name="start"/> opens one watch stream from the given resourceVersion with
    /// the given server timeout, reporting stream errors to the callback it is given.</summary>
    public static async IAsyncEnumerable<WatchChange<T>> WatchAsync<T>(
        Func<string?, TimeSpan, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> start,
        string? resourceVersion,
        WatchOptions options,
        TimeProvider time,
        Action<int, Exception?>? onReconnect = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(options);
        var withoutProgress = 0;
        while (true)
        {
            Exception? failure = null;
            var progressed = false;
            var stream = start(resourceVersion, options.ServerTimeout, e => failure = e, cancellationToken);
            var enumerator = stream.GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    bool hasNext;
                    try
                    {
                        hasNext = await enumerator.MoveNextAsync();
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested && (KubernetesErrors.IsTransient(e) || e is HttpOperationException))
                    {
                        failure = e;
                        break;
                    }

                    if (!hasNext)
                    {
                        break;
                    }

                    var (type, obj) = enumerator.Current;
                    if (type == WatchEventType.Error)
                    {
                        resourceVersion = null;
                        break;
                    }

                    resourceVersion = obj?.Metadata?.ResourceVersion ?? resourceVersion;
                    progressed = true;
                    if (type == WatchEventType.Bookmark || obj is null)
                    {
                        continue;
                    }

                    yield return new WatchChange<T>(type, obj);
                }
            }
            finally
            {
                await enumerator.DisposeAsync();
            }

            if (failure is KubernetesException { Status.Code: 410 })
            {
                // The resourceVersion is too old: start over from the current state.
                resourceVersion = null;
            }

            withoutProgress = progressed ? 0 : withoutProgress + 1;
            if (withoutProgress > options.MaxReconnectsWithoutProgress)
            {
                throw new WatchFailedException($"watch gave up after {options.MaxReconnectsWithoutProgress} reconnects without progress", failure);
            }

            onReconnect?.Invoke(withoutProgress, failure);
            if (withoutProgress > 0)
            {
                await Task.Delay(options.ReconnectDelay * withoutProgress, time, cancellationToken);
            }
        }
    }
}
