using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChaosLab.Experimenter.Prometheus;

/// <summary>
/// Client for the Prometheus HTTP API v1: instant and range queries with typed results, a timeout per
/// attempt, bounded retries of transient failures (unreachable, timeout, 5xx, 429) with doubling
/// delays taken from a <see cref="TimeProvider"/>, and errors that name the query and the server's message.
/// The <see cref="HttpClient"/> is borrowed, not owned.
/// </summary>
public sealed class PrometheusClient : IPrometheusClient
{
    private readonly HttpClient _http;
    private readonly PrometheusClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Uri _base;

    /// <summary>Creates the client; validates <paramref name="options"/>.</summary>
    public PrometheusClient(HttpClient http, PrometheusClientOptions options, TimeProvider time, ILogger<PrometheusClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _http = http;
        _options = options;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        var text = options.BaseAddress.ToString();
        _base = new Uri(text.EndsWith('/') ? text : text + "/");
    }

    /// <inheritdoc />
    public Task<PrometheusResult> QueryAsync(string query, DateTimeOffset? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var form = new List<KeyValuePair<string, string>>
        {
            new("query", query),
            new("timeout", PrometheusFormat.Duration(_options.Timeout)),
        };
        if (time is { } t)
        {
            form.Add(new("time", PrometheusFormat.Time(t)));
        }

        return SendAsync("api/v1/query", query, form, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PrometheusMatrix> QueryRangeAsync(string query, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, TimeSpan resolution, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        if (rangeEnd < rangeStart)
        {
            throw new ArgumentException($"rangeEnd ({rangeEnd:O}) is before rangeStart ({rangeStart:O}).", nameof(rangeEnd));
        }

        if (resolution <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "resolution must be positive.");
        }

        var form = new List<KeyValuePair<string, string>>
        {
            new("query", query),
            new("start", PrometheusFormat.Time(rangeStart)),
            new("end", PrometheusFormat.Time(rangeEnd)),
            new("step", PrometheusFormat.Duration(resolution)),
            new("timeout", PrometheusFormat.Duration(_options.Timeout)),
        };
        var result = await SendAsync("api/v1/query_range", query, form, cancellationToken);
        return result as PrometheusMatrix ?? throw new PrometheusException(
            PrometheusErrorKind.InvalidResponse,
            $"Prometheus range query returned '{result.GetType().Name}' instead of a matrix [query: {query}]",
            query);
    }

    /// <inheritdoc />
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _http.GetAsync(new Uri(_base, "-/ready"), linked.Token);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<PrometheusResult> SendAsync(string endpoint, string query, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        var uri = new Uri(_base, endpoint);
        var delay = _options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            var failure = await TryOnceAsync(uri, endpoint, query, form, attempt, cancellationToken);
            if (failure.Result is { } result)
            {
                return result;
            }

            var error = failure.Error!;
            if (!IsTransient(error.Kind) || attempt >= _options.MaxAttempts)
            {
                throw error;
            }

            PrometheusClientLog.Retrying(_logger, endpoint, attempt, _options.MaxAttempts, error.Kind, error.ServerMessage ?? error.Message, delay.TotalMilliseconds);
            await Task.Delay(delay, _time, cancellationToken);
            delay *= 2;
        }
    }

    private async Task<(PrometheusResult? Result, PrometheusException? Error)> TryOnceAsync(
        Uri uri, string endpoint, string query, List<KeyValuePair<string, string>> form, int attempt, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = _time.GetTimestamp();
        try
        {
            using var content = new FormUrlEncodedContent(form);
            using var response = await _http.PostAsync(uri, content, linked.Token);
            var body = await response.Content.ReadAsStringAsync(linked.Token);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                var elapsedMs = _time.GetElapsedTime(started).TotalMilliseconds;
                PrometheusClientLog.Answered(_logger, endpoint, elapsedMs);
            }
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return (PrometheusResponseParser.Parse(body), null);
                }
                catch (FormatException ex)
                {
                    return (null, Fail(PrometheusErrorKind.InvalidResponse, $"Prometheus answered {endpoint} with an unreadable body: {ex.Message}", query, null, null, (int)response.StatusCode, attempt, ex));
                }
            }

            var status = (int)response.StatusCode;
            var envelope = PrometheusResponseParser.TryReadError(body);
            var kind = status is 400 or 422 ? PrometheusErrorKind.BadQuery
                : status >= 500 || status == 429 ? PrometheusErrorKind.ServerError
                : PrometheusErrorKind.InvalidResponse;
            var serverText = envelope?.Error ?? Truncate(body);
            var typeText = envelope?.ErrorType is { } t ? $"{t}, " : string.Empty;
            return (null, Fail(kind, $"Prometheus rejected the query ({typeText}HTTP {status}): {serverText}", query, envelope?.ErrorType, serverText, status, attempt, null));
        }
        catch (HttpRequestException ex)
        {
            return (null, Fail(PrometheusErrorKind.Unreachable, $"Prometheus at {_base} is unreachable: {ex.Message}", query, null, null, null, attempt, ex));
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, Fail(PrometheusErrorKind.Timeout, $"Prometheus at {_base} did not answer within {_options.Timeout.TotalSeconds:0.###} s", query, null, null, null, attempt, ex));
        }
    }

    private static PrometheusException Fail(PrometheusErrorKind kind, string message, string query, string? errorType, string? serverMessage, int? status, int attempts, Exception? inner) =>
        new(kind, $"{message} [query: {query}]", query, errorType, serverMessage, status, attempts, inner);

    private static bool IsTransient(PrometheusErrorKind kind) =>
        kind is PrometheusErrorKind.Unreachable or PrometheusErrorKind.Timeout or PrometheusErrorKind.ServerError;

    private static string Truncate(string body)
    {
        var oneLine = body.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= 300 ? oneLine : string.Concat(oneLine.AsSpan(0, 300), "…");
    }
}
