using ChaosLab.Experimenter.Experiments.Demo;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Workloads;

namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>Reads <c>fault.istio</c>: {service, delay {fixedDelay, percentage}, abort {httpStatus | grpcStatus,
/// percentage}, sourceService, method}, reporting errors at the offending node. Services are the experiment's workload's.</summary>
internal static class IstioFaultParser
{
    private const string Path = "fault.istio";

    public static IstioFault? Read(YamlSourceMapping faultMap, FieldReader reader, Workload workload)
    {
        var map = reader.Mapping(faultMap, "fault", "istio", required: true, "an Istio fault {service, delay, abort, sourceService, method}");
        if (map is null)
        {
            return null;
        }

        reader.OnlyKeys(map, Path, "service", "delay", "abort", "sourceService", "method");
        var service = ReadService(map, "service", required: true, reader, workload);
        var source = ReadService(map, "sourceService", required: false, reader, workload);
        var failed = service is null || (map.Get("sourceService") is not null && source is null);

        var method = reader.Text(map, Path, "method", required: false);
        if (method is not null && !IsMethodPrefix(method))
        {
            reader.Errors.Add(map.Get("method"), FieldPath.Child(Path, "method"), $"'{YamlSourceScalar.Shorten(method)}' is not a gRPC method prefix; expected '/package.Service/Method' or '/package.Service/' (e.g. /oteldemo.AdService/GetAds)");
            failed = true;
        }

        failed |= map.Get("method") is not null && method is null;
        var delay = ReadDelay(map, reader, ref failed);
        var abort = ReadAbort(map, reader, ref failed);
        if (!failed && delay is null && abort is null)
        {
            reader.Errors.Add(map, Path, "an Istio fault needs delay, abort or both (nothing would be injected)");
            failed = true;
        }

        return failed ? null : new IstioFault(service!, delay, abort, source, method) { SourceLabel = workload.NameLabel };
    }

    private static string? ReadService(YamlSourceMapping map, string key, bool required, FieldReader reader, Workload workload)
    {
        var name = reader.Text(map, Path, key, required);
        if (name is null)
        {
            return null;
        }

        if (workload.Find(name) is not { } known)
        {
            var names = workload.Services.Where(s => s.Port > 0).Select(s => s.Name).ToArray();
            reader.Errors.Add(map.Get(key), FieldPath.Child(Path, key), $"unknown {workload.ServiceNoun} '{YamlSourceScalar.Shorten(name)}'{Suggestions.Hint(name, names)}; services: {string.Join(", ", names)}");
            return null;
        }

        if (key == "service" && known.Protocol is ServiceProtocol.NotHttp)
        {
            reader.Errors.Add(map.Get(key), FieldPath.Child(Path, key), $"'{name}' does not serve HTTP or gRPC; Istio's HTTP fault injection cannot act on it (use a NetworkChaos)");
            return null;
        }

        return name;
    }

    private static IstioDelay? ReadDelay(YamlSourceMapping map, FieldReader reader, ref bool failed)
    {
        var path = FieldPath.Child(Path, "delay");
        var delay = reader.Mapping(map, Path, "delay", required: false, "a delay {fixedDelay, percentage}");
        if (delay is null)
        {
            failed |= map.Get("delay") is { } d && !FieldReader.IsNull(d);
            return null;
        }

        reader.OnlyKeys(delay, path, "fixedDelay", "percentage");
        var fixedDelay = reader.Duration(delay, path, "fixedDelay", required: true);
        if (fixedDelay is { } f && f < TimeSpan.FromMilliseconds(1))
        {
            reader.Errors.Add(delay.Get("fixedDelay"), FieldPath.Child(path, "fixedDelay"), "must be at least 1ms (the VirtualService CRD's rule)");
            fixedDelay = null;
        }

        var percentage = ReadPercentage(delay, path, reader);
        if (fixedDelay is null || percentage is null)
        {
            failed = true;
            return null;
        }

        return new IstioDelay(fixedDelay.Value, percentage.Value);
    }

    private static IstioAbort? ReadAbort(YamlSourceMapping map, FieldReader reader, ref bool failed)
    {
        var path = FieldPath.Child(Path, "abort");
        var abort = reader.Mapping(map, Path, "abort", required: false, "an abort {httpStatus | grpcStatus, percentage}");
        if (abort is null)
        {
            failed |= map.Get("abort") is { } a && !FieldReader.IsNull(a);
            return null;
        }

        reader.OnlyKeys(abort, path, "httpStatus", "grpcStatus", "percentage");
        var hasHttp = abort.Get("httpStatus") is not null;
        var hasGrpc = abort.Get("grpcStatus") is not null;
        if (hasHttp == hasGrpc)
        {
            reader.Errors.Add(abort, path, "an abort needs exactly one of httpStatus (e.g. 503) or grpcStatus (e.g. UNAVAILABLE)");
        }

        var http = hasHttp ? reader.WholeNumber(abort, path, "httpStatus", required: true, 200, 599) : null;
        var grpc = hasGrpc ? reader.Text(abort, path, "grpcStatus", required: true) : null;
        if (grpc is not null && !IstioKinds.GrpcStatuses.Contains(grpc, StringComparer.Ordinal))
        {
            reader.Errors.Add(abort.Get("grpcStatus"), FieldPath.Child(path, "grpcStatus"), $"unknown gRPC status '{YamlSourceScalar.Shorten(grpc)}'{Suggestions.Hint(grpc, IstioKinds.GrpcStatuses)}; statuses: {string.Join(", ", IstioKinds.GrpcStatuses)}");
            grpc = null;
        }

        var percentage = ReadPercentage(abort, path, reader);
        if (hasHttp == hasGrpc || (hasHttp && http is null) || (hasGrpc && grpc is null) || percentage is null)
        {
            failed = true;
            return null;
        }

        return new IstioAbort(http, grpc, percentage.Value);
    }

    private static double? ReadPercentage(YamlSourceMapping map, string path, FieldReader reader)
    {
        var value = reader.Number(map, path, "percentage", required: true, 0, 100);
        if (value is 0)
        {
            reader.Errors.Add(map.Get("percentage"), FieldPath.Child(path, "percentage"), "0 % of calls would inject nothing; use a share above 0 (up to 100)");
            return null;
        }

        return value;
    }

    // "/package.Service/" or "/package.Service/Method": what Envoy sees as the :path of a gRPC call.
    private static bool IsMethodPrefix(string method)
    {
        var parts = method.Split('/');
        return parts.Length == 3 && parts[0].Length == 0 && parts[1].Contains('.', StringComparison.Ordinal)
            && parts[1].All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_')
            && parts[2].All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
    }
}
