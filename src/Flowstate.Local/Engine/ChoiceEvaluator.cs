using System.Globalization;
using Flowstate.Local.Paths;

namespace Flowstate.Local.Engine;

/// <summary>Evaluates Choice rules (every comparison operator, And/Or/Not, the Is* tests) as Step Functions does.</summary>
internal static class ChoiceEvaluator
{
    public static bool Matches(ChoiceRuleSpec rule, JsonValue input, EvalContext ctx)
    {
        if (rule.And is { } and) { foreach (var r in and) if (!Matches(r, input, ctx)) return false; return true; }
        if (rule.Or is { } or) { foreach (var r in or) if (Matches(r, input, ctx)) return true; return false; }
        if (rule.Not is { } not) return !Matches(not, input, ctx);
        if (rule.Condition is not null)
            throw StatesErrorException.Runtime($"State '{ctx.StateName}' has a JSONata Condition; JSONata is not supported by the local runner yet.");
        if (rule.Variable is null || rule.Operator is null)
            throw StatesErrorException.Runtime($"A Choice rule of state '{ctx.StateName}' has no Variable and comparison operator.");

        var op = rule.Operator;
        var path = JsonPath.Parse(rule.Variable);
        var present = Evaluator.TryEvaluatePath(path, input, ctx, out var value);
        if (op == "IsPresent") return present == (rule.Operand?.Kind == JsonKind.True);
        if (!present)
            throw StatesErrorException.Runtime($"Invalid path '{rule.Variable}' in a Choice rule of state '{ctx.StateName}': the path does not exist in the input '{JsonCompare.Excerpt(input)}'");

        switch (op)
        {
            case "IsNull": return value.IsNull == (rule.Operand?.Kind == JsonKind.True);
            case "IsBoolean": return value.IsBoolean == (rule.Operand?.Kind == JsonKind.True);
            case "IsNumeric": return value.IsNumber == (rule.Operand?.Kind == JsonKind.True);
            case "IsString": return value.IsString == (rule.Operand?.Kind == JsonKind.True);
            case "IsTimestamp": return (value.IsString && Timestamps.TryParse(value.Text!, out _)) == (rule.Operand?.Kind == JsonKind.True);
        }

        var operand = rule.Operand ?? JsonValue.Null;
        var baseOp = op;
        if (op.EndsWith("Path", StringComparison.Ordinal))
        {
            baseOp = op.Substring(0, op.Length - 4);
            if (!operand.IsString) throw StatesErrorException.Runtime($"{op} in state '{ctx.StateName}' needs a path");
            operand = Evaluator.EvaluatePath(JsonPath.Parse(operand.Text!), input, ctx, op);
        }

        if (baseOp.StartsWith("String", StringComparison.Ordinal))
        {
            if (!value.IsString || !operand.IsString) return false;
            if (baseOp == "StringMatches") return WildcardMatch(value.Text!, operand.Text!);
            return Compare(baseOp.Substring(6), string.CompareOrdinal(value.Text, operand.Text));
        }
        if (baseOp.StartsWith("Numeric", StringComparison.Ordinal))
        {
            if (!value.IsNumber || !operand.IsNumber) return false;
            return Compare(baseOp.Substring(7), CompareNumbers(value, operand));
        }
        if (baseOp == "BooleanEquals")
            return value.IsBoolean && operand.IsBoolean && value.Kind == operand.Kind;
        if (baseOp.StartsWith("Timestamp", StringComparison.Ordinal))
        {
            if (!value.IsString || !operand.IsString) return false;
            if (!Timestamps.TryParse(value.Text!, out var a) || !Timestamps.TryParse(operand.Text!, out var b)) return false;
            return Compare(baseOp.Substring(9), a.CompareTo(b));
        }
        throw StatesErrorException.Runtime($"Unknown comparison operator '{op}' in state '{ctx.StateName}'");
    }

    private static int CompareNumbers(JsonValue a, JsonValue b)
    {
        if (decimal.TryParse(a.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            && decimal.TryParse(b.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
            return x.CompareTo(y);
        return a.AsDouble().CompareTo(b.AsDouble());
    }

    private static bool Compare(string suffix, int c) => suffix switch
    {
        "Equals" => c == 0,
        "LessThan" => c < 0,
        "LessThanEquals" => c <= 0,
        "GreaterThan" => c > 0,
        "GreaterThanEquals" => c >= 0,
        _ => throw StatesErrorException.Runtime($"Unknown comparison '{suffix}'"),
    };

    /// <summary>StringMatches: '*' matches any run of characters; '\*' is a literal asterisk and '\\' a literal backslash.</summary>
    internal static bool WildcardMatch(string value, string pattern)
    {
        // Tokenise: literal characters and '*' wildcards.
        var tokens = new List<(bool Star, char C)>();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length && (pattern[i + 1] == '*' || pattern[i + 1] == '\\')) { tokens.Add((false, pattern[++i])); continue; }
            tokens.Add((c == '*', c));
        }
        // Classic greedy wildcard match with backtracking to the last star.
        int v = 0, t = 0, starT = -1, starV = 0;
        while (v < value.Length)
        {
            if (t < tokens.Count && !tokens[t].Star && tokens[t].C == value[v]) { v++; t++; }
            else if (t < tokens.Count && tokens[t].Star) { starT = t++; starV = v; }
            else if (starT >= 0) { t = starT + 1; v = ++starV; }
            else return false;
        }
        while (t < tokens.Count && tokens[t].Star) t++;
        return t == tokens.Count;
    }
}

/// <summary>RFC 3339 timestamps as Step Functions reads them (uppercase T, Z or a numeric offset).</summary>
internal static class Timestamps
{
    public static bool TryParse(string s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 20 || s[10] != 'T') return false;
        var last = s[s.Length - 1];
        if (last != 'Z' && !(s.Length >= 25 && (s[s.Length - 6] == '+' || s[s.Length - 6] == '-') && s[s.Length - 3] == ':')) return false;
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    /// <summary>The format AWS writes times in ($$.Execution.StartTime, $$.State.EnteredTime): milliseconds, Z.</summary>
    public static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
