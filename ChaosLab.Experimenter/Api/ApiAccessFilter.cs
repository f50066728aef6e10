using System.Globalization;
using System.Net;

namespace ChaosLab.Experimenter.Api;

/// <summary>Guards every <c>/api</c> request, in this order: the caller is on loopback; the <c>Host</c> is this
/// worker's loopback name with the port the request came in on (403: DNS rebinding); an <c>Origin</c>, when
/// present, is the worker's own (403: browser cross-origin, including text/plain "simple" POSTs); the request
/// carries <c>Authorization: Bearer &lt;token&gt;</c> (401).</summary>
public sealed class ApiAccessFilter(ApiToken token) : IEndpointFilter
{
    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]"];

    /// <inheritdoc/>
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var request = http.Request;
        if (http.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
        {
            return Results.Problem("the ChaosLab worker API answers loopback callers only", statusCode: StatusCodes.Status403Forbidden);
        }

        var port = http.Connection.LocalPort;
        if (!IsOwnHost(request.Host, port))
        {
            return Results.Problem(
                string.Create(CultureInfo.InvariantCulture, $"Host '{Quote(request.Host.Value)}' is not this worker's address (localhost, 127.0.0.1 or [::1] with port {port}): refused against DNS rebinding"),
                statusCode: StatusCodes.Status403Forbidden);
        }

        if (request.Headers.Origin is { Count: > 0 } origin
            && !string.Equals(origin.ToString(), $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(
                $"cross-origin request from '{Quote(origin.ToString())}' refused: the worker API is not for web pages",
                statusCode: StatusCodes.Status403Forbidden);
        }

        var authorization = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || !token.Matches(authorization[scheme.Length..].Trim()))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(
                $"missing or wrong API token: send 'Authorization: Bearer <token>' with the token from {(token.Source == ApiToken.Variable ? ApiToken.Variable : $"the file {token.Source}")}",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        return await next(context);
    }

    private static bool IsOwnHost(HostString host, int port) =>
        host.HasValue
        && LoopbackNames.Contains(host.Host, StringComparer.OrdinalIgnoreCase)
        && (host.Port ?? 80) == port;

    // Header values are the caller's text: quote a bounded, printable part only.
    private static string Quote(string? value) =>
        new([.. (value ?? string.Empty).Take(100).Select(c => char.IsControl(c) ? '?' : c)]);
}
