namespace ChaosLab.Experimenter.Running;

/// <summary>One entry of <see cref="ProbeUrlMap"/>: HTTP probe URLs under <paramref name="From"/> are requested under
/// <paramref name="To"/> instead (both absolute http(s) URLs whose paths end with <c>/</c>).</summary>
/// <param name="From">The prefix as experiment files write it, e.g. <c>http://localhost:18081/</c>.</param>
/// <param name="To">What replaces it, e.g. <c>http://frontend.online-boutique/</c>.</param>
public sealed record ProbeUrlMapping(Uri From, Uri To);
