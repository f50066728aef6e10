using ChaosLab.Experimenter.Experiments.Parsing;
using ChaosLab.Experimenter.Experiments.Validation;

namespace ChaosLab.Experimenter.Experiments.Loading;

/// <summary>
/// The file-system side of validation: expands files and folders into YAML files, reads them
/// (bounded in size), validates each and checks that suites name files that exist. Every problem
/// is a <see cref="ValidationError"/>; nothing throws for bad input.
/// </summary>
public static class InputFiles
{
    /// <summary>File extensions read from folders.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".yaml", ".yml"];

    /// <summary>Validates every file under <paramref name="paths"/> (files, or folders searched recursively for *.yaml/*.yml).</summary>
    public static async Task<IReadOnlyList<InputFileResult>> ValidateAsync(IEnumerable<string> paths, ExperimentFileValidator validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(validator);
        var results = new List<InputFileResult>();
        foreach (var path in paths)
        {
            var (files, error) = Expand(path);
            if (error is not null)
            {
                results.Add(Failed(path, error));
                continue;
            }

            foreach (var file in files)
            {
                results.Add(await ValidateFileAsync(file, validator, cancellationToken));
            }
        }

        return results;
    }

    /// <summary>Reads and validates one file (and, for a suite, that its experiment files exist).</summary>
    public static async Task<InputFileResult> ValidateFileAsync(string file, ExperimentFileValidator validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(validator);
        var (content, error) = await ReadAsync(file, cancellationToken);
        if (error is not null)
        {
            return Failed(file, error);
        }

        InputFileResult result;
        try
        {
            result = validator.Validate(file, content);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A defect in ChaosLab must not turn hostile input into a stack trace: report it against the file.
            return Failed(file, $"internal error while validating ({ex.GetType().Name}: {ex.Message}); please report it with this file");
        }

        if (result.Kind != InputKind.Suite)
        {
            return result;
        }

        return CheckSuiteEntries(result);
    }

    /// <summary>The YAML files a path stands for, or why there are none.</summary>
    public static (IReadOnlyList<string> Files, string? Error) Expand(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 16 })
                    .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                return files.Count == 0
                    ? ([], $"folder contains no {string.Join(" or ", Extensions)} files")
                    : (files, null);
            }

            return File.Exists(path) ? ([path], null) : ([], "no such file or folder");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return ([], $"cannot read: {ex.Message}");
        }
    }

    /// <summary>Reads a file of at most <see cref="YamlSourceReader.MaxBytes"/> bytes.</summary>
    public static async Task<(byte[] Content, string? Error)> ReadAsync(string file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            var info = new FileInfo(file);
            if (!info.Exists)
            {
                return ([], "no such file");
            }

            if (info.Length > YamlSourceReader.MaxBytes)
            {
                return ([], $"file is {info.Length} bytes; at most {YamlSourceReader.MaxBytes} bytes (1 MiB) are accepted");
            }

            // Read at most one byte past the limit: devices and growing files report a length they do not keep.
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, useAsync: true);
            var buffer = new byte[YamlSourceReader.MaxBytes + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
            {
                total += read;
            }

            return total > YamlSourceReader.MaxBytes
                ? ([], $"file is more than {YamlSourceReader.MaxBytes} bytes (1 MiB); refusing to read it")
                : (buffer[..total], null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ([], $"cannot read: {ex.Message}");
        }
    }

    private static InputFileResult CheckSuiteEntries(InputFileResult result)
    {
        if (result.Suite is not { } suite)
        {
            return result;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(result.File)) ?? ".";
        var errors = new List<ValidationError>();
        for (var i = 0; i < suite.Experiments.Count; i++)
        {
            var entry = suite.Experiments[i].Experiment;
            var resolved = Path.GetFullPath(Path.Combine(folder, entry));
            if (!File.Exists(resolved))
            {
                var position = i < result.SuiteEntryPositions.Count ? result.SuiteEntryPositions[i] : (SourcePosition?)null;
                errors.Add(new ValidationError(result.File, position, FieldPath.Index("experiments", i), $"experiment file '{entry}' does not exist (looked for {resolved}; paths are relative to the suite's folder)"));
            }
        }

        return errors.Count == 0 ? result : result with { Suite = null, Errors = errors };
    }

    private static InputFileResult Failed(string file, string message) =>
        new(file, InputKind.Unknown, null, null, [], [new ValidationError(file, null, null, message)]);
}
