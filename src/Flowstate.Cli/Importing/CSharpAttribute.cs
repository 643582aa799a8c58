using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Flowstate.Core.Json;
using Flowstate.Core.Asl;

namespace Flowstate.Cli.Importing;

/// <summary>An attribute argument's value: C# code on one line, or JSON that becomes a raw string literal.</summary>
internal abstract class ArgValue
{
    /// <summary>Plain code: <c>"text"</c>, <c>42</c>, <c>typeof(X)</c>, <c>QueryLanguage.Jsonata</c>.</summary>
    public static ArgValue Code(string code) => new CodeValue(code);

    /// <summary>JSON text, written as a raw string literal (single-line when it fits).</summary>
    public static ArgValue Json(JsonValue json) => new JsonArgValue(json);
}

internal sealed class CodeValue : ArgValue
{
    public CodeValue(string code) => Text = code;
    public string Text { get; }
}

internal sealed class JsonArgValue : ArgValue
{
    public JsonArgValue(JsonValue json) => Value = json;
    public JsonValue Value { get; }
}

internal sealed record AttributeArg(string? Name, ArgValue Value);

/// <summary>One attribute as it will be written: <c>[Name(positional, Named = value)]</c>.</summary>
internal sealed class CSharpAttribute
{
    public const int MaxWidth = 120;

    public CSharpAttribute(string name) => Name = name;

    public string Name { get; }
    public List<AttributeArg> Args { get; } = new();

    public CSharpAttribute Positional(ArgValue value)
    {
        Args.Add(new AttributeArg(null, value));
        return this;
    }

    public CSharpAttribute Named(string name, ArgValue value)
    {
        Args.Add(new AttributeArg(name, value));
        return this;
    }

    /// <summary>
    /// Appends the attribute at <paramref name="indent"/> spaces: on one line when everything fits
    /// in <see cref="MaxWidth"/> columns, otherwise the first argument stays on the attribute's line
    /// and every other goes on its own line, four spaces deeper; JSON that does not fit on its line
    /// becomes a multi-line raw string literal.
    /// </summary>
    public void WriteTo(StringBuilder sb, int indent)
    {
        var pad = new string(' ', indent);
        if (Args.Count == 0)
        {
            sb.Append(pad).Append('[').Append(Name).Append("]\n");
            return;
        }

        var inline = Args.Select(a => Prefix(a) + SingleLine(a.Value)).ToList();
        var oneLine = pad + "[" + Name + "(" + string.Join(", ", inline) + ")]";
        if (oneLine.Length <= MaxWidth)
        {
            sb.Append(oneLine).Append('\n');
            return;
        }

        // Broken up: the positional arguments stay on the attribute's line while they fit (or, with
        // none, the first named argument); every other argument goes on its own line, four spaces deeper.
        var argIndent = indent + 4;
        var lines = new List<string>();
        var head = pad + "[" + Name + "(";
        var firstOwnLine = 0;
        while (firstOwnLine < Args.Count && (Args[firstOwnLine].Name is null || firstOwnLine == 0))
        {
            var arg = Args[firstOwnLine];
            var text = Prefix(arg) + SingleLine(arg.Value);
            var last = firstOwnLine == Args.Count - 1;
            if (head.Length + text.Length + (last ? 2 : 1) > MaxWidth) break;
            head += text + (last ? ")]" : ",");
            firstOwnLine++;
            if (arg.Name is not null) break;
            if (!last) head += " ";
        }
        head = head.TrimEnd();
        if (firstOwnLine == Args.Count)
        {
            sb.Append(head).Append('\n');
            return;
        }
        lines.Add(head);
        for (var i = firstOwnLine; i < Args.Count; i++)
        {
            var arg = Args[i];
            var suffix = i == Args.Count - 1 ? ")]" : ",";
            var prefix = Prefix(arg);
            var single = prefix + SingleLine(arg.Value);
            if (arg.Value is JsonArgValue json && argIndent + single.Length + suffix.Length > MaxWidth && IsBreakable(json.Value))
            {
                // A named JSON argument's literal is indented one level deeper than the argument;
                // a positional one sits at the argument's own indentation.
                var contentIndent = arg.Name is null ? argIndent : argIndent + 4;
                var rendered = MultiLineRaw(prefix, json.Value, contentIndent);
                lines.Add(new string(' ', argIndent) + rendered[0]);
                for (var k = 1; k < rendered.Count; k++) lines.Add(rendered[k]);
            }
            else lines.Add(new string(' ', argIndent) + single);
            lines[lines.Count - 1] += suffix;
        }
        foreach (var line in lines) sb.Append(line).Append('\n');
    }

    private static string Prefix(AttributeArg arg) => arg.Name is null ? "" : arg.Name + " = ";

    private static bool IsBreakable(JsonValue value)
        => (value.IsObject && value.Properties.Count > 0) || (value.IsArray && value.Items.Count > 0);

    private static string SingleLine(ArgValue value) => value switch
    {
        CodeValue code => code.Text,
        JsonArgValue json => SingleLineJson(json.Value),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>
    /// JSON on one line. Scalars other than strings read best as ordinary strings ("42", "null");
    /// a string that is a JSONata expression is written bare (the DSL's "{%" rule turns it back
    /// into that JSON string); any other JSON goes in a raw literal, so a string that merely looks
    /// like "{% %}" is quoted JSON and cannot be mistaken for an expression.
    /// </summary>
    internal static string SingleLineJson(JsonValue value)
    {
        if (IsBareJsonata(value)) return CSharpLiterals.String(value.Text!);
        if (value.Kind is JsonKind.Number or JsonKind.True or JsonKind.False or JsonKind.Null
            || (value.IsObject && value.Properties.Count == 0) || (value.IsArray && value.Items.Count == 0))
            return CSharpLiterals.String(JsonText.Compact(value));
        var content = JsonText.Compact(value);
        // Nothing to escape ("[1, 2]"): an ordinary string reads best.
        if (content.IndexOf('"') < 0 && content.IndexOf('\\') < 0) return "\"" + content + "\"";
        // A single-line raw literal cannot start or end with a quote: pad strings with a space (JSON allows it).
        if (content.StartsWith("\"", StringComparison.Ordinal) || content.EndsWith("\"", StringComparison.Ordinal)) content = " " + content + " ";
        var quotes = new string('"', QuoteCount(content));
        return quotes + content + quotes;
    }

    /// <summary>True for a JSON string the parser reads back from bare text: "{% ... %}" with nothing around it.</summary>
    internal static bool IsBareJsonata(JsonValue value)
    {
        if (!value.IsString) return false;
        var s = value.Text!;
        return AslVocabulary.IsJsonataExpression(s) && string.Equals(s, s.Trim(), StringComparison.Ordinal);
    }

    private static List<string> MultiLineRaw(string prefix, JsonValue value, int contentIndent)
    {
        var json = JsonText.Lines(value, contentIndent, MaxWidth);
        var quotes = new string('"', Math.Max(3, json.Max(LongestQuoteRun) + 1));
        var pad = new string(' ', contentIndent);
        var lines = new List<string> { prefix + quotes };
        foreach (var line in json) lines.Add(line.Length == 0 ? "" : pad + line);
        lines.Add(pad + quotes);
        return lines;
    }

    private static int QuoteCount(string content)
    {
        return Math.Max(3, LongestQuoteRun(content) + 1);
    }

    private static int LongestQuoteRun(string s)
    {
        var max = 0;
        var current = 0;
        foreach (var c in s)
        {
            current = c == '"' ? current + 1 : 0;
            if (current > max) max = current;
        }
        return max;
    }
}
