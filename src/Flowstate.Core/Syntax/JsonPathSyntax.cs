using System;
using System.Text;

namespace Flowstate.Core.Syntax;

internal enum PathRoot { Input, Context, Variable }

/// <summary>What <see cref="JsonPathSyntax.Analyze"/> found in a path.</summary>
internal sealed class PathAnalysis
{
    public string? Error { get; set; }

    /// <summary>Why the path can select more than one node (null for a reference path).</summary>
    public string? NotReference { get; set; }

    public PathRoot Root { get; set; }

    /// <summary>For $name... paths: the variable name.</summary>
    public string? Variable { get; set; }

    /// <summary>For $$... paths: the first two member names (Execution, Input), when written as names.</summary>
    public string? ContextFirst { get; set; }
    public string? ContextSecond { get; set; }

    public bool IsValid => Error is null;
}

/// <summary>
/// The JSONPath dialect Step Functions accepts (Jayway-like): $ / $$ / $variable, then .name, .*,
/// ..name, ['name'], ["name"], [0], [-1], [*], [0,1], ['a','b'], [1:3], [?(filter)], [(script)],
/// and a trailing .length()-style function. Lenient where real deployed definitions are ($.[0]).
/// Deployment placeholders ${Name} are replaced before parsing so that they never count as errors.
/// </summary>
internal static class JsonPathSyntax
{
    public static string SubstitutePlaceholders(string text)
    {
        if (text.IndexOf("${", StringComparison.Ordinal) < 0) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = text.IndexOf('}', i + 2);
                if (end > i)
                {
                    // A placeholder at the very start stands for the whole root ("${Path}") - keep it a valid path.
                    sb.Append(i == 0 ? "$.p" : "p");
                    i = end;
                    continue;
                }
            }
            sb.Append(text[i]);
        }
        return sb.ToString();
    }

    public static bool IsIdentifierStart(char c) => c == '_' || char.IsLetter(c);

    public static bool IsIdentifierPart(char c) => c == '_' || char.IsLetterOrDigit(c);

    public static PathAnalysis Analyze(string rawPath)
    {
        var result = new PathAnalysis();
        var path = SubstitutePlaceholders(rawPath);
        if (path.Length == 0) { result.Error = "it is empty"; return result; }
        if (path[0] != '$') { result.Error = "a path starts with '$'"; return result; }
        var i = 1;
        if (i < path.Length && path[i] == '$')
        {
            result.Root = PathRoot.Context;
            i++;
        }
        else if (i < path.Length && IsIdentifierStart(path[i]))
        {
            result.Root = PathRoot.Variable;
            var start = i;
            while (i < path.Length && IsIdentifierPart(path[i])) i++;
            result.Variable = path.Substring(start, i - start);
        }

        var memberIndex = 0;
        while (i < path.Length)
        {
            var c = path[i];
            if (c == '.')
            {
                i++;
                if (i < path.Length && path[i] == '.')
                {
                    result.NotReference ??= "'..' (recursive descent) can select many nodes";
                    i++;
                    if (i >= path.Length) { result.Error = "'..' must be followed by a name, '*' or '['"; return result; }
                    if (path[i] == '[') continue;
                }
                if (i >= path.Length) { result.Error = "it ends with '.'; a name must follow"; return result; }
                if (path[i] == '*')
                {
                    result.NotReference ??= "'*' (wildcard) can select many nodes";
                    i++;
                    memberIndex++;
                    continue;
                }
                if (path[i] == '[') continue; // $.[0] - accepted by Step Functions
                var start = i;
                while (i < path.Length && path[i] != '.' && path[i] != '[')
                {
                    var ch = path[i];
                    if (char.IsWhiteSpace(ch)) { result.Error = $"unexpected space at position {i + 1}; write names with spaces as ['a name']"; return result; }
                    if (ch == ']' ) { result.Error = $"unexpected ']' at position {i + 1}"; return result; }
                    if (ch == '(')
                    {
                        // A function such as .length() - only at the end of the path.
                        if (i + 1 < path.Length && path[i + 1] == ')' && i + 2 == path.Length)
                        {
                            result.NotReference ??= "a function call computes a value rather than selecting a node";
                            i += 2;
                            return Finish(result, path);
                        }
                        result.Error = $"unexpected '(' at position {i + 1}";
                        return result;
                    }
                    if (ch is '\'' or '"' or ')' or ',' or '?' or '@') { result.Error = $"unexpected '{ch}' at position {i + 1}"; return result; }
                    i++;
                }
                if (i == start) { result.Error = $"an empty name at position {i + 1}"; return result; }
                RecordMember(result, path.Substring(start, i - start), memberIndex++);
                continue;
            }
            if (c == '[')
            {
                var end = ParseBracket(path, i, result, memberIndex);
                if (end < 0) return result;
                memberIndex++;
                i = end;
                continue;
            }
            if (char.IsWhiteSpace(c)) { result.Error = $"unexpected space at position {i + 1}"; return result; }
            result.Error = i == 1 || (result.Root == PathRoot.Context && i == 2)
                ? $"'{c}' cannot follow '{path.Substring(0, i)}'; use '.' or '[' (for example {path.Substring(0, i)}.name)"
                : $"unexpected '{c}' at position {i + 1}";
            return result;
        }
        return Finish(result, path);
    }

    private static PathAnalysis Finish(PathAnalysis result, string path) => result;

    private static void RecordMember(PathAnalysis result, string name, int memberIndex)
    {
        if (result.Root != PathRoot.Context) return;
        if (memberIndex == 0) result.ContextFirst = name;
        else if (memberIndex == 1) result.ContextSecond = name;
    }

    /// <summary>Parses [ ... ] starting at <paramref name="i"/>; returns the index after ']' or -1 (Error set).</summary>
    private static int ParseBracket(string path, int i, PathAnalysis result, int memberIndex)
    {
        var open = i;
        i++;
        while (i < path.Length && path[i] == ' ') i++;
        if (i >= path.Length) { result.Error = $"'[' at position {open + 1} is not closed"; return -1; }
        var c = path[i];
        if (c == '\'' || c == '"')
        {
            var names = 0;
            while (true)
            {
                if (i >= path.Length || (path[i] != '\'' && path[i] != '"')) { result.Error = $"expected a quoted name at position {i + 1}"; return -1; }
                var quote = path[i];
                var sb = new StringBuilder();
                i++;
                while (i < path.Length && path[i] != quote)
                {
                    if (path[i] == '\\' && i + 1 < path.Length) i++;
                    sb.Append(path[i]);
                    i++;
                }
                if (i >= path.Length) { result.Error = $"the quoted name at position {open + 2} is not closed"; return -1; }
                i++;
                names++;
                if (names == 1) RecordMember(result, sb.ToString(), memberIndex);
                while (i < path.Length && path[i] == ' ') i++;
                if (i < path.Length && path[i] == ',') { i++; while (i < path.Length && path[i] == ' ') i++; continue; }
                break;
            }
            if (i >= path.Length || path[i] != ']') { result.Error = $"'[' at position {open + 1} is not closed with ']'"; return -1; }
            if (names > 1) result.NotReference ??= "a union of names can select many nodes";
            return i + 1;
        }
        if (c == '*')
        {
            i++;
            while (i < path.Length && path[i] == ' ') i++;
            if (i >= path.Length || path[i] != ']') { result.Error = $"'[*' at position {open + 1} is not closed with ']'"; return -1; }
            result.NotReference ??= "'[*]' (wildcard) can select many nodes";
            return i + 1;
        }
        if (c == '?' || c == '(')
        {
            if (c == '?')
            {
                i++;
                while (i < path.Length && path[i] == ' ') i++;
                if (i >= path.Length || path[i] != '(') { result.Error = $"a filter at position {open + 1} must be written [?(...)]"; return -1; }
                result.NotReference ??= "a filter expression can select many nodes";
            }
            else result.NotReference ??= "a script expression computes the index";
            // Balanced parentheses, strings skipped.
            var depth = 0;
            while (i < path.Length)
            {
                var ch = path[i];
                if (ch == '\'' || ch == '"')
                {
                    var q = ch;
                    i++;
                    while (i < path.Length && path[i] != q) { if (path[i] == '\\') i++; i++; }
                    if (i >= path.Length) { result.Error = $"a string in the expression at position {open + 1} is not closed"; return -1; }
                }
                else if (ch == '(') depth++;
                else if (ch == ')') { depth--; if (depth == 0) { i++; break; } }
                i++;
            }
            if (depth != 0) { result.Error = $"the expression at position {open + 1} has unbalanced parentheses"; return -1; }
            while (i < path.Length && path[i] == ' ') i++;
            if (i >= path.Length || path[i] != ']') { result.Error = $"the expression at position {open + 1} is not closed with ']'"; return -1; }
            return i + 1;
        }
        // Index, union of indexes, or slice.
        var startDigits = i;
        var hasColon = false;
        var hasComma = false;
        var negative = false;
        while (i < path.Length && path[i] != ']')
        {
            var ch = path[i];
            if (ch == ':') hasColon = true;
            else if (ch == ',') hasComma = true;
            else if (ch == '-') negative = true;
            else if (!(ch >= '0' && ch <= '9') && ch != ' ')
            {
                result.Error = ch == ']' ? "empty brackets" : $"unexpected '{ch}' in brackets at position {i + 1}; use [0], ['name'], [*] or [?(...)]";
                return -1;
            }
            i++;
        }
        if (i >= path.Length) { result.Error = $"'[' at position {open + 1} is not closed with ']'"; return -1; }
        var content = path.Substring(startDigits, i - startDigits).Trim();
        if (content.Length == 0) { result.Error = $"empty brackets at position {open + 1}"; return -1; }
        if (!hasColon && !hasComma)
        {
            var digits = content.StartsWith("-", StringComparison.Ordinal) ? content.Substring(1) : content;
            if (digits.Length == 0 || digits.IndexOf('-') >= 0 || digits.IndexOf(' ') >= 0) { result.Error = $"'{content}' is not an index"; return -1; }
        }
        if (hasColon) result.NotReference ??= "a slice can select many nodes";
        else if (hasComma) result.NotReference ??= "a union of indexes can select many nodes";
        else if (negative) result.NotReference ??= "a negative index is relative to the end of the array";
        return i + 1;
    }
}
