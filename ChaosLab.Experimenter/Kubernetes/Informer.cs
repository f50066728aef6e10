using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>list-then-watch, as client-go's informers do: list the current state, watch from the list's
/// resourceVersion, and after every restart (410 Gone, a dropped or ended stream) list again and reconcile
/// before watching again, so nothing that happened in a gap is lost (an object deleted in the gap is
/// simply absent from the new list). Yields the whole known state after each list and each event.</summary>
public static class Informer
{
    /// <summary>The key of an object in <see cref="InformerState{T}.Objects"/>.</summary>
    public static string Key(string? ns, string name) => (ns ?? "") + "/" + name;

    /// <summary>Runs the informer until cancelled; gives up (<see cref="WatchFailedException"/>) after
    /// <see cref="WatchOptions.MaxReconnectsWithoutProgress"/> restarts in a row whose watch delivered nothing.</summary>
    /// <param name="list">Lists the objects (under the retry policy) with the list's resourceVersion.</param>
    /// <param name="watch">Opens one watch stream from a resourceVersion with a server timeout and an error callback.</param>
    public static async IAsyncEnumerable<InformerState<T>> RunAsync<T>(
        Func<CancellationToken, Task<(IEnumerable<T> Items, string? ResourceVersion)>> list,
        Func<string?, TimeSpan, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch,
        WatchOptions options,
        TimeProvider time,
        Action<int, Exception?>? onRestart = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(watch);
        ArgumentNullException.ThrowIfNull(options);
        var objects = new Dictionary<string, T>(StringComparer.Ordinal);
        var withoutProgress = 0;
        while (true)
        {
            // (Re)list and reconcile: the new list is the truth, whatever the watch missed.
            var (items, listVersion) = await list(cancellationToken);
            objects.Clear();
            foreach (var item in items)
            {
                objects[Key(item.Metadata.NamespaceProperty, item.Metadata.Name)] = item;
            }

            yield return new InformerState<T>(objects, Relisted: true, Change: null);

            Exception? failure = null;
            var progressed = false;
            var resourceVersion = listVersion;
            var enumerator = watch(resourceVersion, options.ServerTimeout, e => failure = e, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    bool hasNext;
                    try
                    {
                        hasNext = await enumerator.MoveNextAsync();
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested && (KubernetesErrors.IsTransient(e) || e is HttpOperationException or KubernetesException))
                    {
                        failure = e;
                        break;
                    }

                    if (!hasNext)
                    {
                        break;
                    }

                    var (type, obj) = enumerator.Current;
                    if (type == WatchEventType.Error || obj is null)
                    {
                        break; // 410 Gone or another error: relist
                    }

                    progressed = true;
                    if (type == WatchEventType.Bookmark)
                    {
                        continue;
                    }

                    var key = Key(obj.Metadata.NamespaceProperty, obj.Metadata.Name);
                    if (type == WatchEventType.Deleted)
                    {
                        objects.Remove(key);
                    }
                    else
                    {
                        objects[key] = obj;
                    }

                    yield return new InformerState<T>(objects, Relisted: false, new WatchChange<T>(type, obj));
                }
            }
            finally
            {
                await enumerator.DisposeAsync();
            }

            withoutProgress = progressed ? 0 : withoutProgress + 1;
            if (withoutProgress > options.MaxReconnectsWithoutProgress)
            {
                throw new WatchFailedException($"watch gave up after {options.MaxReconnectsWithoutProgress} restarts without progress", failure);
            }

            onRestart?.Invoke(withoutProgress, failure);
            if (withoutProgress > 0)
            {
                await Task.Delay(options.ReconnectDelay * withoutProgress, time, cancellationToken);
            }
        }
    }
}
