namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>An HTTP GET that must answer with <see cref="ExpectedStatus"/> within <see cref="Timeout"/>.</summary>
/// <param name="Url">Absolute http(s) URL (e.g. the shop through its port-forward).</param>
/// <param name="ExpectedStatus">The status code that counts as healthy (default 200).</param>
/// <param name="Timeout">Per-request timeout (default 5 s).</param>
public sealed record HttpProbe(Uri Url, int ExpectedStatus, TimeSpan Timeout) : Probe;
