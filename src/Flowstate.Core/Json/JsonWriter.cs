using System.Collections.Generic;
using System.Text;

namespace Flowstate.Core.Json;

/// <summary>
/// Writes JSON deterministically: two-space indentation, "\n" line ends, members in model order,
/// number lexemes as stored. Strings escape quote, backslash and control characters; other
/// characters are written as they are, except lone surrogates, which UTF-8 cannot carry and are
/// written as \uXXXX escapes.
/// </summary>
public static class JsonWriter
{
    public static string Write(JsonValue value, bool indented = true)
    {
        var sb = new StringBuilder();
        Write(sb, value, indented, 0);
        return sb.ToString();
    }

    /// <summary>
    /// Indented, like <see cref="Write(JsonValue, bool)"/>, except that a value found (by instance) in
    /// <paramref name="preWritten"/> is copied from its text, <c>Write(value) + "\n"</c>, nested to its depth:
    /// the same characters, without walking the tree again.
    /// </summary>
    public static string Write(JsonValue value, IReadOnlyDictionary<JsonValue, string>? preWritten)
    {
        var sb = new StringBuilder();
        Write(sb, value, true, 0, preWritten);
        return sb.ToString();
    }

    public static void Write(StringBuilder sb, JsonValue value, bool indented, int depth) => Write(sb, value, indented, depth, null);

    private static void Write(StringBuilder sb, JsonValue value, bool indented, int depth, IReadOnlyDictionary<JsonValue, string>? preWritten)
    {
        if (preWritten is not null && indented && value.Kind is JsonKind.Object or JsonKind.Array && preWritten.TryGetValue(value, out var text))
        {
            AppendNested(sb, text, depth * 2);
            return;
        }
        switch (value.Kind)
        {
            case JsonKind.Null: sb.Append("null"); break;
            case JsonKind.True: sb.Append("true"); break;
            case JsonKind.False: sb.Append("false"); break;
            case JsonKind.Number: sb.Append(value.Text); break;
            case JsonKind.String: AppendQuoted(sb, value.Text!); break;
            case JsonKind.Array:
                if (value.Items.Count == 0) { sb.Append("[]"); break; }
                sb.Append('[');
                for (var i = 0; i < value.Items.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    NewLine(sb, indented, depth + 1);
                    Write(sb, value.Items[i], indented, depth + 1, preWritten);
                }
                NewLine(sb, indented, depth);
                sb.Append(']');
                break;
            case JsonKind.Object:
                if (value.Properties.Count == 0) { sb.Append("{}"); break; }
                sb.Append('{');
                for (var i = 0; i < value.Properties.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    NewLine(sb, indented, depth + 1);
                    AppendQuoted(sb, value.Properties[i].Name);
                    sb.Append(indented ? ": " : ":");
                    Write(sb, value.Properties[i].Value, indented, depth + 1, preWritten);
                }
                NewLine(sb, indented, depth);
                sb.Append('}');
                break;
        }
    }

    // The text without its final line break, with indent spaces after every other one (a JSON string holds no raw line break).
    private static void AppendNested(StringBuilder sb, string text, int indent)
    {
        var length = text.Length > 0 && text[text.Length - 1] == '\n' ? text.Length - 1 : text.Length;
        var start = 0;
        for (var i = 0; i < length; i++)
        {
            if (text[i] != '\n') continue;
            sb.Append(text, start, i + 1 - start).Append(' ', indent);
            start = i + 1;
        }
        sb.Append(text, start, length - start);
    }

    private static void NewLine(StringBuilder sb, bool indented, int depth)
    {
        if (!indented) return;
        sb.Append('\n');
        sb.Append(' ', depth * 2);
    }

    /// <summary>The JSON string literal for <paramref name="s"/>, quotes included.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        AppendQuoted(sb, s);
        return sb.ToString();
    }

    public static void AppendQuoted(StringBuilder sb, string s)
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
                    if (c < 0x20) AppendEscape(sb, c);
                    else if (char.IsHighSurrogate(c))
                    {
                        if (i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { sb.Append(c).Append(s[i + 1]); i++; }
                        else AppendEscape(sb, c);
                    }
                    else if (char.IsLowSurrogate(c)) AppendEscape(sb, c);
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    private static void AppendEscape(StringBuilder sb, char c)
    {
        const string hex = "0123456789abcdef";
        sb.Append("\\u").Append(hex[(c >> 12) & 0xF]).Append(hex[(c >> 8) & 0xF]).Append(hex[(c >> 4) & 0xF]).Append(hex[c & 0xF]);
    }
}
