using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChaosLab.Tests.Support;

/// <summary>
/// A real Prometheus (the Debian <c>prometheus</c> 2.x binary) started on a loopback port over a temporary
/// TSDB that <c>promtool tsdb create-blocks-from openmetrics</c> filled from an OpenMetrics text.
/// Disposing stops the process (by its pid) and deletes the folder.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    /// <summary>The reason every real-Prometheus test gives when it skips.</summary>
    public const string SkipReason = "install prometheus (Debian/Ubuntu: apt-get install prometheus) or run .ci/test.sh";

    private readonly Process _process;
    private readonly string _folder;

    private PrometheusServer(Process process, string folder, Uri baseAddress)
    {
        _process = process;
        _folder = folder;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>True when both <c>prometheus</c> and <c>promtool</c> are on the PATH.</summary>
    public static bool IsInstalled => FindOnPath("prometheus") is not null && FindOnPath("promtool") is not null;

    /// <summary>Backfills <paramref name="openMetrics"/> (must end with <c># EOF</c>), starts the server and waits (bounded) until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(string openMetrics, CancellationToken cancellationToken)
    {
        var prometheus = FindOnPath("prometheus") ?? throw new InvalidOperationException(SkipReason);
        var promtool = FindOnPath("promtool") ?? throw new InvalidOperationException(SkipReason);
        var folder = Directory.CreateTempSubdirectory("chaoslab-prom-").FullName;
        var started = false;
        try
        {
            var input = Path.Combine(folder, "timeline.om.txt");
            var data = Path.Combine(folder, "data");
            var config = Path.Combine(folder, "prometheus.yml");
            await File.WriteAllTextAsync(input, openMetrics, cancellationToken);
            await File.WriteAllTextAsync(config, "global:\n  scrape_interval: 1h\nscrape_configs: []\n", cancellationToken);
            Directory.CreateDirectory(data);

            await RunToolAsync(promtool, ["tsdb", "create-blocks-from", "openmetrics", input, data], folder, cancellationToken);

            var port = FreeLoopbackPort();
            var start = new ProcessStartInfo(prometheus)
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                $"--config.file={config}",
                $"--storage.tsdb.path={data}",
                "--storage.tsdb.retention.time=100y",
                $"--web.listen-address=127.0.0.1:{port}",
                "--log.level=warn",
            })
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start");
            var log = new System.Text.StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var server = new PrometheusServer(process, folder, new Uri($"http://127.0.0.1:{port}/"));
            if (!await server.WaitReadyAsync(TimeSpan.FromSeconds(30), cancellationToken))
            {
                await server.DisposeAsync();
                string text;
                lock (log) { text = log.ToString(); }
                throw new InvalidOperationException($"prometheus did not become ready within 30 s on port {port}:\n{text}");
            }

            started = true;
            return server;
        }
        finally
        {
            if (!started)
            {
                TryDelete(folder);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(cts.Token);
            }
        }
        finally
        {
            _process.Dispose();
            TryDelete(_folder);
        }
    }

    private async Task<bool> WaitReadyAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        for (var attempt = 0; attempt < 300 && deadline.Elapsed < limit; attempt++)
        {
            if (_process.HasExited)
            {
                return false;
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "-/ready"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The 2 s request timeout; try again.
            }

            await Task.Delay(100, cancellationToken);
        }

        return false;
    }

    private static async Task RunToolAsync(string file, string[] args, string workingDirectory, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
