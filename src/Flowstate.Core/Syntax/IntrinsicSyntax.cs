using System;
using System.Collections.Generic;
using System.Text;

namespace Flowstate.Core.Syntax;

internal enum IntrinsicArgKind { String, Number, Boolean, Null, Path, Call }

internal sealed class IntrinsicArg
{
    public IntrinsicArg(IntrinsicArgKind kind, string text, IntrinsicCall? call = null)
    {
        Kind = kind;
        Text = text;
        Call = call;
    }

    public IntrinsicArgKind Kind { get; }

    /// <summary>The literal's value (strings unescaped), the path, or the call's name.</summary>
    public string Text { get; }

    public IntrinsicCall? Call { get; }
}

internal sealed class IntrinsicCall
{
    public IntrinsicCall(string name, int depth)
    {
        Name = name;
        Depth = depth;
    }

    public string Name { get; }
    public int Depth { get; }
    public List<IntrinsicArg> Args { get; } = new();
}

/// <summary>
/// Parses intrinsic function calls: States.Name(arg, ...), where an argument is a 'string'
/// (escapes \' \{ \} \\), a number, true/false/null, a path ($..., $$..., $var...) or a nested call.
/// </summary>
internal static class IntrinsicSyntax
{
    /// <summary>Every intrinsic function with its minimum and maximum argument count (-1: unbounded).</summary>
    public static readonly Dictionary<string, (int Min, int Max)> Arity = new(StringComparer.Ordinal)
    {
        ["States.Format"] = (1, -1),
        ["States.StringToJson"] = (1, 1),
        ["States.JsonToString"] = (1, 1),
        ["States.Array"] = (0, -1),
        ["States.ArrayPartition"] = (2, 2),
        ["States.ArrayContains"] = (2, 2),
        ["States.ArrayRange"] = (3, 3),
        ["States.ArrayGetItem"] = (2, 2),
        ["States.ArrayLength"] = (1, 1),
        ["States.ArrayUnique"] = (1, 1),
        ["States.Base64Encode"] = (1, 1),
        ["States.Base64Decode"] = (1, 1),
        ["States.Hash"] = (2, 2),
        ["States.JsonMerge"] = (3, 3),
        ["States.MathRandom"] = (2, 3),
        ["States.MathAdd"] = (2, 2),
        ["States.StringSplit"] = (2, 2),
        ["States.UUID"] = (0, 0),
    };

    public const int MaxNesting = 10;

    public static bool LooksLikeCall(string text) => text.StartsWith("States.", StringComparison.Ordinal);

    /// <summary>Parses a whole value; on failure returns null and an error.</summary>
    public static IntrinsicCall? Parse(string text, out string? error)
    {
        var parser = new Parser(JsonPathSyntax.SubstitutePlaceholders(text));
        var call = parser.ParseCall(1);
        if (call is not null)
        {
            parser.SkipSpaces();
            if (parser.Pos < parser.Text.Length) parser.Fail($"unexpected '{parser.Text[parser.Pos]}' at position {parser.Pos + 1} after the closing ')'");
        }
        error = parser.Error;
        return parser.Error is null ? call : null;
    }

    private sealed class Parser
    {
        public Parser(string text) => Text = text;

        public string Text { get; }
        public int Pos;
        public string? Error;

        public void Fail(string message) => Error ??= message;

        public void SkipSpaces()
        {
            while (Pos < Text.Length && Text[Pos] == ' ') Pos++;
        }

        public IntrinsicCall? ParseCall(int depth)
        {
            var start = Pos;
            if (!Text.Substring(Pos).StartsWith("States.", StringComparison.Ordinal)) { Fail($"expected States.Function( at position {Pos + 1}"); return null; }
            Pos += "States.".Length;
            while (Pos < Text.Length && (char.IsLetterOrDigit(Text[Pos]) || Text[Pos] == '_')) Pos++;
            var name = Text.Substring(start, Pos - start);
            if (name.Length == "States.".Length) { Fail($"a function name must follow 'States.' at position {Pos + 1}"); return null; }
            SkipSpaces();
            if (Pos >= Text.Length || Text[Pos] != '(') { Fail($"'(' expected after {name}"); return null; }
            Pos++;
            var call = new IntrinsicCall(name, depth);
            SkipSpaces();
            if (Pos < Text.Length && Text[Pos] == ')') { Pos++; return call; }
            while (true)
            {
                SkipSpaces();
                var arg = ParseArg(depth);
                if (arg is null) return null;
                call.Args.Add(arg);
                SkipSpaces();
                if (Pos >= Text.Length) { Fail($"{name}( is not closed with ')'"); return null; }
                if (Text[Pos] == ',') { Pos++; continue; }
                if (Text[Pos] == ')') { Pos++; return call; }
                Fail($"expected ',' or ')' at position {Pos + 1} in the arguments of {name}");
                return null;
            }
        }

        private IntrinsicArg? ParseArg(int depth)
        {
            if (Pos >= Text.Length) { Fail("an argument is missing before the end of the text"); return null; }
            var c = Text[Pos];
            if (c == 'S' && Text.Substring(Pos).StartsWith("States.", StringComparison.Ordinal))
            {
                var inner = ParseCall(depth + 1);
                return inner is null ? null : new IntrinsicArg(IntrinsicArgKind.Call, inner.Name, inner);
            }
            if (c == '\'')
            {
                var sb = new StringBuilder();
                Pos++;
                while (Pos < Text.Length && Text[Pos] != '\'')
                {
                    if (Text[Pos] == '\\' && Pos + 1 < Text.Length)
                    {
                        // Keep \{ and \} escaped: States.Format needs to tell them from placeholders.
                        if (Text[Pos + 1] is '{' or '}') sb.Append('\\');
                        Pos++;
                    }
                    sb.Append(Text[Pos]);
                    Pos++;
                }
                if (Pos >= Text.Length) { Fail("a string argument is not closed with '"); return null; }
                Pos++;
                return new IntrinsicArg(IntrinsicArgKind.String, sb.ToString());
            }
            if (c == '"') { Fail($"string arguments use single quotes ('text'), not double quotes, at position {Pos + 1}"); return null; }
            if (c == '$')
            {
                var start = Pos;
                var brackets = 0;
                var parens = 0;
                while (Pos < Text.Length)
                {
                    var ch = Text[Pos];
                    if (ch == '[') brackets++;
                    else if (ch == ']') brackets--;
                    else if (ch == '(') parens++;
                    else if (ch == ')') { if (parens == 0 && brackets == 0) break; parens--; }
                    else if (ch == ',' && brackets == 0 && parens == 0) break;
                    else if ((ch == '\'' || ch == '"') && brackets > 0)
                    {
                        var q = ch;
                        Pos++;
                        while (Pos < Text.Length && Text[Pos] != q) { if (Text[Pos] == '\\') Pos++; Pos++; }
                    }
                    Pos++;
                }
                return new IntrinsicArg(IntrinsicArgKind.Path, Text.Substring(start, Pos - start).TrimEnd());
            }
            if (c == '-' || (c >= '0' && c <= '9'))
            {
                var start = Pos;
                Pos++;
                while (Pos < Text.Length && (char.IsDigit(Text[Pos]) || Text[Pos] is '.' or 'e' or 'E' or '+' or '-')) Pos++;
                var lexeme = Text.Substring(start, Pos - start);
                if (!double.TryParse(lexeme, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
                { Fail($"'{lexeme}' is not a number"); return null; }
                return new IntrinsicArg(IntrinsicArgKind.Number, lexeme);
            }
            foreach (var (word, kind) in new[] { ("true", IntrinsicArgKind.Boolean), ("false", IntrinsicArgKind.Boolean), ("null", IntrinsicArgKind.Null) })
            {
                if (string.CompareOrdinal(Text, Pos, word, 0, word.Length) == 0)
                {
                    Pos += word.Length;
                    return new IntrinsicArg(kind, word);
                }
            }
            Fail($"unexpected '{c}' at position {Pos + 1}; an argument is a 'string', a number, true, false, null, a path or another States. function");
            return null;
        }
    }
}
