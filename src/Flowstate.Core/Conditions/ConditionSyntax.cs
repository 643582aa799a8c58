using System;
using System.Collections.Generic;
using System.Text;

namespace Flowstate.Core.Conditions;

/// <summary>The type a comparison treats its operands as: the first word of the ASL operator name.</summary>
internal enum OperandFamily
{
    String,
    Numeric,
    Boolean,
    Timestamp,
}

/// <summary>What an ASL comparison operator compares: family, relation and whether its operand is a path.</summary>
internal sealed class ComparisonOperator
{
    public ComparisonOperator(string name, OperandFamily family, string symbol, bool isPath)
    {
        Name = name;
        Family = family;
        Symbol = symbol;
        IsPath = isPath;
    }

    public string Name { get; }
    public OperandFamily Family { get; }

    /// <summary>The condition-syntax operator: == &lt; &lt;= &gt; &gt;= or matches.</summary>
    public string Symbol { get; }

    public bool IsPath { get; }

    public bool IsEquals => Symbol == "==";
}

/// <summary>
/// What the parser and the printer must agree on: the operator tables, the extent of a bare path,
/// the JSONata form, number lexemes, string escapes and the nesting limits. Keeping these in one
/// place is what makes Parse(Print(rule)) == rule hold by construction rather than by luck.
/// </summary>
internal static class ConditionSyntax
{
    /// <summary>
    /// How many '(' , '!' , and( , or( a condition may nest. The parser recurses on each, and a
    /// stack overflow cannot be caught, so hostile input must be stopped well before that.
    /// </summary>
    public const int MaxNesting = 200;

    /// <summary>
    /// The deepest rule tree the printer writes. Each tree level prints at most two nesting
    /// constructs ("!(" or "and("), so anything printed stays within <see cref="MaxNesting"/>.
    /// </summary>
    public const int MaxRuleDepth = MaxNesting / 2;

    /// <summary>How deep a JSON literal inside a wrapper (string([1, [2]])) may nest.</summary>
    public const int MaxLiteralDepth = 64;

    public static readonly IReadOnlyDictionary<string, ComparisonOperator> Comparisons = BuildComparisons();

    /// <summary>ASL type-test operator -> condition function name.</summary>
    public static readonly IReadOnlyDictionary<string, string> TypeTestFunctions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["IsPresent"] = "isPresent",
        ["IsNull"] = "isNull",
        ["IsString"] = "isString",
        ["IsNumeric"] = "isNumeric",
        ["IsBoolean"] = "isBoolean",
        ["IsTimestamp"] = "isTimestamp",
    };

    /// <summary>Condition function name -> ASL type-test operator.</summary>
    public static readonly IReadOnlyDictionary<string, string> TypeTestOperators = Invert(TypeTestFunctions);

    /// <summary>Wrapper function name -> the family it forces.</summary>
    public static readonly IReadOnlyDictionary<string, OperandFamily> Wrappers = new Dictionary<string, OperandFamily>(StringComparer.Ordinal)
    {
        ["string"] = OperandFamily.String,
        ["number"] = OperandFamily.Numeric,
        ["boolean"] = OperandFamily.Boolean,
        ["timestamp"] = OperandFamily.Timestamp,
    };

    public static string WrapperName(OperandFamily family) => family switch
    {
        OperandFamily.String => "string",
        OperandFamily.Numeric => "number",
        OperandFamily.Boolean => "boolean",
        _ => "timestamp",
    };

    /// <summary>Every word the syntax gives a meaning to, for "did you mean" suggestions.</summary>
    public static readonly string[] Keywords =
    {
        "isPresent", "isNull", "isString", "isNumeric", "isBoolean", "isTimestamp",
        "string", "number", "boolean", "timestamp", "path", "and", "or", "matches", "true", "false", "null",
    };

    /// <summary>The ASL operator for a family, a symbol and a path-or-literal operand; null when ASL has none.</summary>
    public static string? OperatorName(OperandFamily family, string symbol, bool isPath)
    {
        foreach (var op in Comparisons.Values)
            if (op.Family == family && op.Symbol == symbol && op.IsPath == isPath) return op.Name;
        return null;
    }

    /// <summary>
    /// A JSONata condition is "{% ... %}" once surrounding whitespace is ignored. Both delimiters
    /// must be distinct characters, so "{%}" is not one.
    /// </summary>
    public static bool IsJsonata(string text)
    {
        var t = text.Trim();
        return t.Length >= 4
            && t.StartsWith("{%", StringComparison.Ordinal)
            && t.EndsWith("%}", StringComparison.Ordinal);
    }

    /// <summary>
    /// Finds where a path that starts at <paramref name="start"/> (a '$') ends. The text is not
    /// validated as JSONPath here (that is the path analyzers' job); this only decides its extent:
    /// "$" or "$$", an optional variable name, then ".name", "..name", ".*" and "[...]" segments,
    /// where brackets may hold anything (filters, quoted keys, spaces) as long as they balance.
    /// Returns the end offset, or -1 with an error and its offset.
    /// </summary>
    public static int ScanPath(string text, int start, out string? error, out int errorOffset)
    {
        error = null;
        errorOffset = -1;
        var pos = start + 1;
        if (pos < text.Length && text[pos] == '$') pos++;
        pos = ScanName(text, pos);
        while (pos < text.Length)
        {
            var c = text[pos];
            if (c == '.')
            {
                var p = pos + 1;
                if (p < text.Length && text[p] == '.') p++;
                if (p < text.Length && text[p] == '[')
                {
                    pos = p;
                    continue;
                }
                var q = ScanName(text, p);
                if (q == p)
                {
                    error = $"expected a member name after '{text.Substring(pos, p - pos)}' in the path at {p}";
                    errorOffset = p;
                    return -1;
                }
                pos = q;
            }
            else if (c == '[')
            {
                var end = ScanBracket(text, pos);
                if (end < 0)
                {
                    error = $"unclosed '[' in the path at {pos}";
                    errorOffset = pos;
                    return -1;
                }
                pos = end;
            }
            else
            {
                break;
            }
        }
        return pos;
    }

    /// <summary>True when <paramref name="path"/> can be written bare: it reads back as exactly this path.</summary>
    public static bool IsBarePath(string path)
    {
        if (path.Length == 0 || path[0] != '$') return false;
        return ScanPath(path, 0, out _, out _) == path.Length;
    }

    // A member or variable name runs until something the condition syntax gives a meaning to.
    // Names are deliberately permissive ("$.detail-type", "$.a:b"): rejecting them is the path
    // analyzers' job, and anything else can still be written with path('...').
    private static int ScanName(string text, int pos)
    {
        while (pos < text.Length && IsNameChar(text[pos])) pos++;
        return pos;
    }

    private static bool IsNameChar(char c) =>
        !char.IsWhiteSpace(c) && !char.IsControl(c) && "().[]=<>!&|,'\"".IndexOf(c) < 0;

    // Returns the offset after the ']' that balances the '[' at pos, or -1. Quoted strings inside
    // (keys, filter literals) may contain brackets; a backslash escapes the next character.
    private static int ScanBracket(string text, int pos)
    {
        var depth = 0;
        while (pos < text.Length)
        {
            var c = text[pos];
            if (c == '\'' || c == '"')
            {
                pos++;
                while (pos < text.Length && text[pos] != c)
                    pos += text[pos] == '\\' ? 2 : 1;
                if (pos >= text.Length) return -1;
            }
            else if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                depth--;
                if (depth == 0) return pos + 1;
            }
            pos++;
        }
        return -1;
    }

    /// <summary>RFC 8259 number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    public static bool IsJsonNumber(string s)
    {
        var i = 0;
        if (i < s.Length && s[i] == '-') i++;
        if (i >= s.Length) return false;
        if (s[i] == '0') i++;
        else if (s[i] >= '1' && s[i] <= '9')
            while (i < s.Length && IsDigit(s[i])) i++;
        else return false;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            if (i >= s.Length || !IsDigit(s[i])) return false;
            while (i < s.Length && IsDigit(s[i])) i++;
        }
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
            if (i >= s.Length || !IsDigit(s[i])) return false;
            while (i < s.Length && IsDigit(s[i])) i++;
        }
        return i == s.Length;
    }

    public static bool IsDigit(char c) => c >= '0' && c <= '9';

    public static bool IsIdentifierStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    public static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsDigit(c);

    /// <summary>
    /// Writes a single-quoted string literal. Single quotes keep conditions readable inside C#
    /// string literals; control characters, line/paragraph separators and lone surrogates are
    /// escaped so the text survives any editor and any encoding.
    /// </summary>
    public static void AppendQuoted(StringBuilder sb, string value)
    {
        sb.Append('\'');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\'': sb.Append("\\'"); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    var loneSurrogate =
                        (char.IsHighSurrogate(c) && (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])))
                        || (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(value[i - 1])));
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029' || loneSurrogate)
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        sb.Append('\'');
    }

    private static IReadOnlyDictionary<string, ComparisonOperator> BuildComparisons()
    {
        var result = new Dictionary<string, ComparisonOperator>(StringComparer.Ordinal);
        var relations = new[] { ("Equals", "=="), ("LessThan", "<"), ("GreaterThan", ">"), ("LessThanEquals", "<="), ("GreaterThanEquals", ">=") };
        foreach (var (family, prefix) in new[] { (OperandFamily.String, "String"), (OperandFamily.Numeric, "Numeric"), (OperandFamily.Timestamp, "Timestamp") })
        {
            foreach (var (relation, symbol) in relations)
            {
                Add(prefix + relation, family, symbol, false);
                Add(prefix + relation + "Path", family, symbol, true);
            }
        }
        Add("BooleanEquals", OperandFamily.Boolean, "==", false);
        Add("BooleanEqualsPath", OperandFamily.Boolean, "==", true);
        Add("StringMatches", OperandFamily.String, "matches", false);
        return result;

        void Add(string name, OperandFamily family, string symbol, bool isPath) => result[name] = new ComparisonOperator(name, family, symbol, isPath);
    }

    private static IReadOnlyDictionary<string, string> Invert(IReadOnlyDictionary<string, string> map)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in map) result[pair.Value] = pair.Key;
        return result;
    }
}
