using System.Globalization;
using System.Numerics;
using System.Text;
using Flowstate.Core.Json;

namespace Flowstate.Tests.Shared;

/// <summary>
/// Semantic comparison of two JSON values, for tests: what a JSON consumer such as Step Functions
/// would see as the same document.
/// <list type="bullet">
/// <item>Objects: member order is ignored, but every member counts: the members are compared as a
/// multiset of (name, value), so duplicate keys must match in number and (up to order) in value.</item>
/// <item>Numbers: by exact numeric value, whatever the lexeme ("2" == "2.0" == "2e0" == "20E-1",
/// "-0" == "0"); arbitrarily large or precise numbers are compared exactly, never through double.</item>
/// <item>Strings and names: ordinal. Arrays: in order.</item>
/// </list>
/// The difference names the first place that differs as a JSON pointer (RFC 6901), e.g.
/// <c>/States/Load/Retry/0/BackoffRate: 2 vs "2"</c>.
/// </summary>
internal static class JsonEquivalence
{
    public static bool Equivalent(JsonValue a, JsonValue b, out string difference)
    {
        difference = Compare(a, b, "") ?? "";
        return difference.Length == 0;
    }

    /// <summary>Throws an xunit assertion failure naming the first difference.</summary>
    public static void AssertEquivalent(JsonValue expected, JsonValue actual, string? context = null)
    {
        if (!Equivalent(expected, actual, out var difference))
            Assert.Fail((context is null ? "" : context + ": ") + "JSON differs at " + difference);
    }

    private static string? Compare(JsonValue a, JsonValue b, string pointer)
    {
        if (a.Kind != b.Kind && !(a.IsBoolean && b.IsBoolean))
            return Describe(pointer, a, b);
        switch (a.Kind)
        {
            case JsonKind.Null:
                return null;
            case JsonKind.True:
            case JsonKind.False:
                return a.Kind == b.Kind ? null : Describe(pointer, a, b);
            case JsonKind.String:
                return string.Equals(a.Text, b.Text, StringComparison.Ordinal) ? null : Describe(pointer, a, b);
            case JsonKind.Number:
                return NumbersEqual(a.Text!, b.Text!) ? null : Describe(pointer, a, b);
            case JsonKind.Array:
                for (var i = 0; i < Math.Min(a.Items.Count, b.Items.Count); i++)
                {
                    var d = Compare(a.Items[i], b.Items[i], pointer + "/" + i.ToString(CultureInfo.InvariantCulture));
                    if (d is not null) return d;
                }
                return a.Items.Count == b.Items.Count
                    ? null
                    : $"{Root(pointer)}: an array of {a.Items.Count} items vs one of {b.Items.Count}: {Show(a)} vs {Show(b)}";
            default:
                return CompareObjects(a, b, pointer);
        }
    }

    private static string? CompareObjects(JsonValue a, JsonValue b, string pointer)
    {
        // Names in first-seen order (a's, then b's own), so the reported difference is stable.
        var names = new List<string>();
        var groupsA = Group(a, names);
        var groupsB = Group(b, names);
        foreach (var name in names)
        {
            var valuesA = groupsA.TryGetValue(name, out var va) ? va : new List<JsonValue>();
            var valuesB = groupsB.TryGetValue(name, out var vb) ? vb : new List<JsonValue>();
            var child = pointer + "/" + EscapePointer(name);
            if (valuesA.Count != valuesB.Count)
            {
                if (valuesA.Count == 0) return $"{child}: missing in the first, {Show(valuesB[0])} in the second";
                if (valuesB.Count == 0) return $"{child}: {Show(valuesA[0])} in the first, missing in the second";
                return $"{child}: key present {valuesA.Count} times in the first and {valuesB.Count} times in the second";
            }
            if (valuesA.Count == 1)
            {
                var d = Compare(valuesA[0], valuesB[0], child);
                if (d is not null) return d;
                continue;
            }
            // Duplicate keys: match each value of a with an unused equivalent value of b. Greedy
            // matching is exact because equivalence is an equivalence relation.
            var unused = new List<JsonValue>(valuesB);
            for (var i = 0; i < valuesA.Count; i++)
            {
                var match = unused.FindIndex(v => Compare(valuesA[i], v, child) is null);
                if (match < 0)
                    return $"{child} (duplicate key, occurrence {i + 1} of {valuesA.Count}): {Show(valuesA[i])} has no equivalent among the second's values {string.Join(", ", valuesB.Select(Show))}";
                unused.RemoveAt(match);
            }
        }
        return null;
    }

    private static Dictionary<string, List<JsonValue>> Group(JsonValue obj, List<string> names)
    {
        var groups = new Dictionary<string, List<JsonValue>>(StringComparer.Ordinal);
        foreach (var p in obj.Properties)
        {
            if (!groups.TryGetValue(p.Name, out var list))
            {
                groups[p.Name] = list = new List<JsonValue>();
                if (!names.Contains(p.Name, StringComparer.Ordinal)) names.Add(p.Name);
            }
            list.Add(p.Value);
        }
        return groups;
    }

    private static string Root(string pointer) => pointer.Length == 0 ? "(root)" : pointer;

    private static string Describe(string pointer, JsonValue a, JsonValue b) => $"{Root(pointer)}: {Show(a)} vs {Show(b)}";

    private static string Show(JsonValue v)
    {
        var text = JsonWriter.Write(v, indented: false);
        return text.Length <= 120 ? text : text.Substring(0, 117) + "...";
    }

    private static string EscapePointer(string name) => name.Replace("~", "~0").Replace("/", "~1");

    /// <summary>True when two JSON number lexemes denote the same number, exactly.</summary>
    public static bool NumbersEqual(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal)) return true;
        if (!TryCanonical(a, out var ca) || !TryCanonical(b, out var cb)) return false;
        return ca.Negative == cb.Negative && ca.Digits == cb.Digits && ca.Exponent == cb.Exponent;
    }

    // value = (-1)^Negative * Digits * 10^Exponent, Digits without leading or trailing zeros
    // ("" for zero, which is then neither negative nor scaled).
    private static bool TryCanonical(string lexeme, out (bool Negative, string Digits, BigInteger Exponent) canonical)
    {
        canonical = default;
        var i = 0;
        var negative = false;
        if (i < lexeme.Length && lexeme[i] == '-') { negative = true; i++; }
        var digits = new StringBuilder();
        var fractionDigits = 0;
        var any = false;
        while (i < lexeme.Length && char.IsAsciiDigit(lexeme[i])) { digits.Append(lexeme[i++]); any = true; }
        if (i < lexeme.Length && lexeme[i] == '.')
        {
            i++;
            while (i < lexeme.Length && char.IsAsciiDigit(lexeme[i])) { digits.Append(lexeme[i++]); fractionDigits++; any = true; }
        }
        if (!any) return false;
        BigInteger exponent = 0;
        if (i < lexeme.Length && (lexeme[i] == 'e' || lexeme[i] == 'E'))
        {
            i++;
            var start = i;
            if (i < lexeme.Length && (lexeme[i] == '+' || lexeme[i] == '-')) i++;
            var digitsStart = i;
            while (i < lexeme.Length && char.IsAsciiDigit(lexeme[i])) i++;
            if (i == digitsStart) return false;
            exponent = BigInteger.Parse(lexeme.AsSpan(start, i - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }
        if (i != lexeme.Length) return false;
        var text = digits.ToString().TrimStart('0');
        exponent -= fractionDigits;
        var trimmed = text.TrimEnd('0');
        exponent += text.Length - trimmed.Length;
        canonical = trimmed.Length == 0 ? (false, "", BigInteger.Zero) : (negative, trimmed, exponent);
        return true;
    }
}
