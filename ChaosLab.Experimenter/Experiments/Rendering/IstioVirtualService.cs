using System.Globalization;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Experimenter.Experiments.Rendering;

/// <summary>
/// Renders an <see cref="IstioFault"/> as a <c>networking.istio.io/v1</c> VirtualService: host = the
/// service, one http route with the match (caller's labels, method prefix), the fault, and a route to
/// the same host. Carries ChaosLab's labels (clean, abort and halt-all find it by them) and the fault
/// duration as an annotation only: Istio has no dead-man's switch, the run deletes the object.
/// </summary>
public static class IstioVirtualService
{
    /// <summary>The rendered object.</summary>
    public static JsonObject Render(Experiment experiment, IstioFault fault, string name, string runId)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(fault);
        var annotations = new JsonObject { [ChaosLabLabels.DurationAnnotation] = GoDuration.Format(experiment.Timing.FaultDuration) };
        if (experiment.Source is { } source)
        {
            annotations[ChaosLabLabels.SourceAnnotation] = source;
        }

        return new JsonObject
        {
            ["apiVersion"] = IstioKinds.ApiVersion,
            ["kind"] = IstioKinds.VirtualService,
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = experiment.Namespace,
                ["labels"] = new JsonObject
                {
                    [ChaosLabLabels.ManagedBy] = ChaosLabLabels.ManagedByValue,
                    [ChaosLabLabels.Experiment] = experiment.Name,
                    [ChaosLabLabels.RunId] = runId,
                },
                ["annotations"] = annotations,
            },
            ["spec"] = Spec(fault),
        };
    }

    /// <summary>The VirtualService spec alone (what the CRD schema checks).</summary>
    public static JsonObject Spec(IstioFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var route = new JsonObject();
        var match = new JsonObject();
        if (fault.SourceService is { } caller)
        {
            match["sourceLabels"] = new JsonObject { [fault.SourceLabel] = caller };
        }

        if (fault.Method is { } method)
        {
            match["uri"] = new JsonObject { ["prefix"] = method };
        }

        if (match.Count > 0)
        {
            route["match"] = new JsonArray(match);
        }

        var injected = new JsonObject();
        if (fault.Delay is { } delay)
        {
            injected["delay"] = new JsonObject { ["fixedDelay"] = Duration(delay.FixedDelay), ["percentage"] = Percentage(delay.Percentage) };
        }

        if (fault.Abort is { } abort)
        {
            var node = new JsonObject();
            if (abort.HttpStatus is { } http)
            {
                node["httpStatus"] = http;
            }
            else
            {
                node["grpcStatus"] = abort.GrpcStatus;
            }

            node["percentage"] = Percentage(abort.Percentage);
            injected["abort"] = node;
        }

        route["fault"] = injected;
        route["route"] = new JsonArray(new JsonObject { ["destination"] = new JsonObject { ["host"] = fault.Service } });
        return new JsonObject { ["hosts"] = new JsonArray((JsonNode)fault.Service), ["http"] = new JsonArray(route) };
    }

    // Istio durations are protobuf Durations ("0.5s", "500ms" both work); milliseconds are exact and readable.
    private static string Duration(TimeSpan value) =>
        value.TotalMilliseconds == Math.Floor(value.TotalMilliseconds)
            ? ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms"
            : value.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture) + "s";

    private static JsonObject Percentage(double value) => new() { ["value"] = value };
}
