namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>Istio's <c>fault.abort</c>: exactly one of <paramref name="HttpStatus"/> and
/// <paramref name="GrpcStatus"/>, returned on <paramref name="Percentage"/> % of calls.</summary>
/// <param name="HttpStatus">An HTTP status (200–599), or null.</param>
/// <param name="GrpcStatus">A gRPC status name such as <c>UNAVAILABLE</c>, or null.</param>
/// <param name="Percentage">Share of calls aborted, 0 (exclusive) to 100.</param>
public sealed record IstioAbort(int? HttpStatus, string? GrpcStatus, double Percentage);
