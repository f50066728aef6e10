using System.Buffers;
using System.Text;
using System.Text.Unicode;
using ChaosLab.Experimenter.Experiments.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>
/// Reads one YAML document into <see cref="YamlSourceNode"/>s with positions, defensively: strict
/// UTF-8, size, depth and alias-expansion limits, duplicate keys refused, only scalar keys. Built on
/// YamlDotNet's event parser (no recursion, so hostile nesting cannot overflow the stack).
/// </summary>
public static class YamlSourceReader
{
    /// <summary>Largest accepted file.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Deepest accepted nesting of mappings and lists.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most nodes a document may have, counting each alias as the nodes it stands for.</summary>
    public const long MaxNodes = 100_000;

    /// <summary>Parses <paramref name="content"/>; null (with errors added) when it is not one usable YAML document.</summary>
    public static YamlSourceNode? Read(ReadOnlySpan<byte> content, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (content.Length > MaxBytes)
        {
            errors.Add((SourcePosition?)null, null, $"file is {content.Length} bytes; at most {MaxBytes} bytes (1 MiB) are accepted");
            return null;
        }

        var text = Decode(content, errors);
        return text is null ? null : Parse(text, errors);
    }

    /// <summary>Parses text already decoded.</summary>
    public static YamlSourceNode? Parse(string text, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            return Build(text, errors);
        }
        catch (YamlException ex)
        {
            var position = new SourcePosition((int)ex.Start.Line, (int)ex.Start.Column);
            errors.Add(position, null, "YAML syntax error: " + Clean(ex.Message) + TabHint(text, position));
            return null;
        }
    }

    private static string? Decode(ReadOnlySpan<byte> content, ValidationErrors errors)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            errors.Add(new SourcePosition(1, 1), null, "file is UTF-16; save it as UTF-8");
            return null;
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            content = content[3..];
        }

        var chars = ArrayPool<char>.Shared.Rent(Math.Max(content.Length, 1));
        try
        {
            var status = Utf8.ToUtf16(content, chars, out var bytesRead, out var charsWritten, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                var before = content[..bytesRead];
                var line = before.Count((byte)'\n') + 1;
                var column = bytesRead - (before.LastIndexOf((byte)'\n') + 1) + 1;
                errors.Add(new SourcePosition(line, column), null, $"not valid UTF-8 (byte 0x{content[bytesRead]:X2} at offset {bytesRead}); save the file as UTF-8");
                return null;
            }

            var text = new string(chars, 0, charsWritten);
            var control = text.IndexOfAnyInRange('\0', '\b');
            if (control >= 0)
            {
                var line = text.AsSpan(0, control).Count('\n') + 1;
                var column = control - (text.LastIndexOf('\n', Math.Max(control - 1, 0)) + 1) + 1;
                errors.Add(new SourcePosition(line, column), null, $"control character U+{(int)text[control]:X4} is not allowed in YAML (is this a binary file?)");
                return null;
            }

            return text;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private sealed class Frame(YamlSourceNode node, int depth)
    {
        public YamlSourceNode Node { get; } = node;

        public int Depth { get; } = depth;

        public YamlSourceScalar? PendingKey { get; set; }

        // The pending key repeats an earlier one: its value is reported, not kept.
        public bool PendingIsDuplicate { get; set; }

        public Dictionary<string, YamlSourceScalar> Keys { get; } = new(StringComparer.Ordinal);

        public long Size { get; set; } = 1;

        public string? Anchor { get; init; }
    }

    private static YamlSourceNode? Build(string text, ValidationErrors errors)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, (YamlSourceNode Node, long Size)>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        YamlSourceNode? root = null;
        var documents = 0;
        long total = 0;
        var before = errors.Count;

        var last = new SourcePosition(1, 1);
        while (Next(parser, ref last))
        {
            switch (parser.Current)
            {
                case DocumentStart ds:
                    documents++;
                    if (documents > 1)
                    {
                        errors.Add(ToPosition(ds.Start), null, "more than one YAML document in the file; put one experiment (or one suite) per file");
                        return null;
                    }

                    break;
                case Scalar scalar:
                {
                    var node = new YamlSourceScalar(ToPosition(scalar.Start), scalar.Value, scalar.Style == ScalarStyle.Plain, scalar.Tag.IsEmpty ? null : scalar.Tag.Value);
                    if (!scalar.Anchor.IsEmpty)
                    {
                        anchors[scalar.Anchor.Value] = (node, 1);
                    }

                    if (!Attach(stack, node, 1, ref root, ref total, errors))
                    {
                        return null;
                    }

                    break;
                }

                case AnchorAlias alias:
                {
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        errors.Add(ToPosition(alias.Start), null, $"alias *{alias.Value.Value} refers to no anchor defined before it");
                        return null;
                    }

                    if (stack.TryPeek(out var parent) && parent.Node is YamlSourceMapping && parent.PendingKey is null && target.Node is not YamlSourceScalar)
                    {
                        errors.Add(ToPosition(alias.Start), null, "only scalar mapping keys are supported");
                        return null;
                    }

                    if (!Attach(stack, target.Node, target.Size, ref root, ref total, errors, ToPosition(alias.Start)))
                    {
                        return null;
                    }

                    break;
                }

                case SequenceStart ss:
                    if (!Open(stack, new YamlSourceSequence(ToPosition(ss.Start)), ss.Anchor.IsEmpty ? null : ss.Anchor.Value, ref root, ref total, errors))
                    {
                        return null;
                    }

                    break;
                case MappingStart ms:
                    if (!Open(stack, new YamlSourceMapping(ToPosition(ms.Start)), ms.Anchor.IsEmpty ? null : ms.Anchor.Value, ref root, ref total, errors))
                    {
                        return null;
                    }

                    break;
                case SequenceEnd or MappingEnd:
                {
                    var frame = stack.Pop();
                    if (frame.Anchor is not null)
                    {
                        anchors[frame.Anchor] = (frame.Node, frame.Size);
                    }

                    if (stack.TryPeek(out var parent))
                    {
                        parent.Size += frame.Size;
                    }

                    break;
                }
            }
        }

        if (errors.Count > before)
        {
            return null;
        }

        if (root is null || (root is YamlSourceScalar s && s.IsNull))
        {
            errors.Add(new SourcePosition(1, 1), null, "file is empty: no YAML document (expected an experiment, a Chaos Mesh manifest or a suite)");
            return null;
        }

        return root;
    }

    // YamlDotNet's scanner throws InvalidOperationException (not YamlException) on some malformed input,
    // e.g. an unclosed flow sequence before a new key; report it as a syntax error where parsing stopped.
    private static bool Next(Parser parser, ref SourcePosition last)
    {
        try
        {
            var moved = parser.MoveNext();
            if (moved && parser.Current is { } current)
            {
                last = ToPosition(current.End);
            }

            return moved;
        }
        catch (InvalidOperationException ex)
        {
            var mark = new Mark(0, last.Line, last.Column);
            throw new YamlException(mark, mark, $"malformed YAML after this point (an unclosed '[' or '{{', or a stray ':'?) [{ex.Message}]");
        }
    }

    private static bool Open(Stack<Frame> stack, YamlSourceNode node, string? anchor, ref YamlSourceNode? root, ref long total, ValidationErrors errors)
    {
        var depth = stack.Count + 1;
        if (depth > MaxDepth)
        {
            errors.Add(node.Start, null, $"nesting deeper than {MaxDepth} levels is not accepted");
            return false;
        }

        if (stack.TryPeek(out var parent) && parent.Node is YamlSourceMapping && parent.PendingKey is null)
        {
            errors.Add(node.Start, null, "only scalar mapping keys are supported (found a complex key)");
            return false;
        }

        if (!Attach(stack, node, 1, ref root, ref total, errors))
        {
            return false;
        }

        stack.Push(new Frame(node, depth) { Anchor = anchor });
        return true;
    }

    // Adds a finished node (scalar or alias) or a just-opened container to the current parent.
    private static bool Attach(Stack<Frame> stack, YamlSourceNode node, long size, ref YamlSourceNode? root, ref long total, ValidationErrors errors, SourcePosition? at = null)
    {
        total += size;
        if (total > MaxNodes)
        {
            errors.Add(at ?? node.Start, null, $"document has more than {MaxNodes} nodes (counting what aliases expand to); refusing to read it");
            return false;
        }

        if (!stack.TryPeek(out var parent))
        {
            root = node;
            return true;
        }

        // Container sizes are added when the container ends; scalars and aliases count here.
        if (node is YamlSourceScalar || at is not null)
        {
            parent.Size += size;
        }

        switch (parent.Node)
        {
            case YamlSourceSequence seq:
                seq.Items.Add(node);
                return true;
            case YamlSourceMapping map when parent.PendingKey is null:
                var key = (YamlSourceScalar)node;
                parent.PendingIsDuplicate = parent.Keys.TryGetValue(key.Value, out var first);
                if (parent.PendingIsDuplicate)
                {
                    errors.Add(at ?? key.Start, null, $"duplicate key '{YamlSourceScalar.Shorten(key.Value)}' (first at line {first!.Start.Line}); each key may appear once");
                }
                else
                {
                    parent.Keys[key.Value] = key;
                }

                parent.PendingKey = key;
                return true;
            case YamlSourceMapping map:
                if (!parent.PendingIsDuplicate)
                {
                    map.Entries.Add(new(parent.PendingKey, node));
                }

                parent.PendingKey = null;
                return true;
            default:
                return true;
        }
    }

    private static SourcePosition ToPosition(Mark mark) => new((int)mark.Line, (int)mark.Column);

    private static string Clean(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; the position is printed separately.
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return i >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(i + 3)..] : message;
    }

    private static string TabHint(string text, SourcePosition position)
    {
        var lines = text.Split('\n');
        for (var line = position.Line; line <= position.Line + 1; line++)
        {
            if (line >= 1 && line <= lines.Length && lines[line - 1].Contains('\t', StringComparison.Ordinal))
            {
                return $" (line {line} contains a tab: YAML indentation must use spaces)";
            }
        }

        return string.Empty;
    }
}
