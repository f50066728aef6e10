using System.Collections.Concurrent;
using ChaosLab.AppHost.Hosting.Processes;
using ChaosLab.Tests.Hosting.Processes;

namespace ChaosLab.Tests.Hosting.Experimenter;

/// <summary>Scripts a <see cref="FakeProcessRunner"/> to answer like kubectl for the in-cluster experimenter.</summary>
public static class InClusterWorld
{
    /// <summary>
    /// <c>kubectl rollout status</c> reports the deployment rolled out, and <c>kubectl logs -f</c> writes
    /// <paramref name="logLines"/> then follows until it is stopped.
    /// </summary>
    public static FakeProcessRunner RolledOut(this FakeProcessRunner runner, params string[] logLines)
    {
        ArgumentNullException.ThrowIfNull(runner);
        return runner
            .On("kubectl rollout status ", stdout: "deployment \"chaoslab-experimenter\" successfully rolled out")
            .On(s => s.Arguments is ["logs", "-f", ..], async (spec, ct) =>
            {
                foreach (var line in logLines)
                {
                    spec.OnOutputLine?.Invoke(line);
                }

                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return new ProcessResult(0, "", "");
            });
    }

    /// <summary><c>kubectl apply -f</c> answers <c>configured</c> and keeps each applied file's text by file name in <paramref name="applied"/>.</summary>
    public static FakeProcessRunner RecordingApplies(this FakeProcessRunner runner, ConcurrentDictionary<string, string> applied)
    {
        ArgumentNullException.ThrowIfNull(runner);
        return runner.On(s => s.Arguments is ["apply", "-f", ..], (spec, _) =>
        {
            applied[Path.GetFileName(spec.Arguments[2])] = File.ReadAllText(spec.Arguments[2]);
            return Task.FromResult(new ProcessResult(0, "configured", ""));
        });
    }
}
