using System.Collections.Generic;
using System.Text;

using Flowstate.Core.Json;

namespace Flowstate.Cli.Importing;

/// <summary>
/// JSON text meant to sit inside C# source: written the way a person lays it out (short values on
/// one line, "{ "a": 1 }"), keys and number lexemes exactly as in the model, and strings escaped
/// so that no character can end a raw string literal's line or break the UTF-8 file
/// (see <see cref="CSharpLiterals.NeedsEscape"/>).
/// </summary>
internal static class JsonText
{
    /// <summary>One line: <c>{ "a": 1, "b": [1, 2] }</c>.</summary>
    public static string Compact(JsonValue value)
    {
        var sb = new StringBuilder();
        AppendCompact(sb, value);
        return sb.ToString();
    }

    /// <summary>
    /// Lines (without indentation of their own beyond the JSON's) for a value starting at
    /// <paramref name="column"/>: objects and arrays that fit in <paramref name="width"/> stay on
    /// one line, others break one member per line with two-space indentation.
    /// </summary>
    public static List<string> Lines(JsonValue value, int column, int width)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        AppendPretty(lines, current, value, 0, column, width);
        lines.Add(current.ToString());
        return lines;
    }

    private static void AppendPretty(List<string> lines, StringBuilder current, JsonValue value, int depth, int column, int width)
    {
        var compact = Compact(value);
        var isContainer = value.Kind is JsonKind.Object or JsonKind.Array;
        var empty = (value.Kind == JsonKind.Object && value.Properties.Count == 0) || (value.Kind == JsonKind.Array && value.Items.Count == 0);
        if (!isContainer || empty || column + current.Length + compact.Length <= width)
        {
            current.Append(compact);
            return;
        }
        var open = value.Kind == JsonKind.Object ? '{' : '[';
        var close = value.Kind == JsonKind.Object ? '}' : ']';
        current.Append(open);
        var count = value.Kind == JsonKind.Object ? value.Properties.Count : value.Items.Count;
        for (var i = 0; i < count; i++)
        {
            NewLine(lines, current, depth + 1);
            JsonValue item;
            if (value.Kind == JsonKind.Object)
            {
                AppendString(current, value.Properties[i].Name);
                current.Append(": ");
                item = value.Properties[i].Value;
            }
            else item = value.Items[i];
            AppendPretty(lines, current, item, depth + 1, column, width);
            if (i < count - 1) current.Append(',');
        }
        NewLine(lines, current, depth);
        current.Append(close);
    }

    private static void NewLine(List<string> lines, StringBuilder current, int depth)
    {
        lines.Add(current.ToString());
        current.Clear();
        current.Append(' ', depth * 2);
    }

    private static void AppendCompact(StringBuilder sb, JsonValue value)
    {
        switch (value.Kind)
        {
            case JsonKind.Null: sb.Append("null"); break;
            case JsonKind.True: sb.Append("true"); break;
            case JsonKind.False: sb.Append("false"); break;
            case JsonKind.Number: sb.Append(value.Text); break;
            case JsonKind.String: AppendString(sb, value.Text!); break;
            case JsonKind.Array:
                if (value.Items.Count == 0) { sb.Append("[]"); break; }
                sb.Append('[');
                for (var i = 0; i < value.Items.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    AppendCompact(sb, value.Items[i]);
                }
                sb.Append(']');
                break;
            case JsonKind.Object:
                if (value.Properties.Count == 0) { sb.Append("{}"); break; }
                sb.Append("{ ");
                for (var i = 0; i < value.Properties.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    AppendString(sb, value.Properties[i].Name);
                    sb.Append(": ");
                    AppendCompact(sb, value.Properties[i].Value);
                }
                sb.Append(" }");
                break;
        }
    }

    private static void AppendString(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        sb.Append(c).Append(s[i + 1]);
                        i++;
                    }
                    else if (CSharpLiterals.NeedsEscape(c)) CSharpLiterals.AppendUnicodeEscape(sb, c);
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
