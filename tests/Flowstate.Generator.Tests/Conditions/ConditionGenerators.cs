using System.Globalization;
using System.Text;
using Flowstate.Core.Conditions;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using FsCheck;
using FsCheck.Fluent;

namespace Flowstate.Generator.Tests.Conditions;

/// <summary>A generated rule tree (shown as ASL when a property fails).</summary>
public sealed record GeneratedRule(ChoiceRuleSpec Rule)
{
    public override string ToString() => RuleJson.Show(Rule);
}

/// <summary>A printable rule and one of its many valid spellings (quotes, spaces, wrappers, parentheses, path(...)).</summary>
public sealed record SpelledRule(ChoiceRuleSpec Rule, string Text)
{
    public override string ToString() => $"{Text}  =>  {RuleJson.Show(Rule)}";
}

/// <summary>Arbitrary text, mostly near-valid conditions, for robustness properties.</summary>
public sealed record FuzzText(string Text)
{
    public override string ToString() => JsonWriter.Write(JsonValue.String(Text));
}

public static class ConditionArbitraries
{
    public static readonly string[] ComparisonOperators =
    {
        "StringEquals", "StringEqualsPath", "StringLessThan", "StringLessThanPath", "StringGreaterThan", "StringGreaterThanPath",
        "StringLessThanEquals", "StringLessThanEqualsPath", "StringGreaterThanEquals", "StringGreaterThanEqualsPath", "StringMatches",
        "NumericEquals", "NumericEqualsPath", "NumericLessThan", "NumericLessThanPath", "NumericGreaterThan", "NumericGreaterThanPath",
        "NumericLessThanEquals", "NumericLessThanEqualsPath", "NumericGreaterThanEquals", "NumericGreaterThanEqualsPath",
        "BooleanEquals", "BooleanEqualsPath",
        "TimestampEquals", "TimestampEqualsPath", "TimestampLessThan", "TimestampLessThanPath", "TimestampGreaterThan", "TimestampGreaterThanPath",
        "TimestampLessThanEquals", "TimestampLessThanEqualsPath", "TimestampGreaterThanEquals", "TimestampGreaterThanEqualsPath",
    };

    public static readonly string[] TypeTests = { "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp" };

    // Characters that stress quoting, escaping and path scanning.
    private static readonly char[] Alphabet =
    {
        'a', 'Z', '0', '7', '_', '$', '.', '[', ']', '(', ')', '\'', '"', '\\', ' ', '\t', '\n', '\r', '=', '!', '&', '|', '<', '>',
        '-', '*', '@', '?', ',', ':', '{', '}', '%', '/', 'é', '中', '\u2028', '\u0001', '\u007f', '\u0085', '\uD800', '\uDC00', '\uFEFF',
    };

    private static readonly string[] PathSegments =
    {
        ".a", ".b1", ".detail-type", ".Ünï", ".x$y", "[0]", "[-1:]", "[*]", ".*", "..x", "..[0]", "['k y']", "[\"q\"]",
        "['it\\'s']", "[?(@.p < 10)]", "[?(@.n == ']')]", "[1,2]", "['a']['b']", "[?(@.a && (@.b || @.c))]",
    };

    private static readonly string[] NumberLexemes =
    {
        "0", "-0", "1", "42", "-7", "2.50", "1e3", "1E+3", "-1.5e-7", "123456789012345678901234567890", "0.000", "1E400", "3.14159",
    };

    public static Gen<string> RawString(int maxLength) =>
        Gen.Choose(0, maxLength).SelectMany(n => Gen.ArrayOf(Gen.Elements(Alphabet), n)).Select(chars => new string(chars));

    public static readonly Gen<string> Strings = Gen.Frequency(
        (3, Gen.Elements("OK", "*.csv", "it's", "a\\b", "", "say \"hi\"", "2026-01-01T00:00:00Z", "\U0001F600", "line\nbreak")),
        (4, RawString(8)));

    public static readonly Gen<string> BarePaths =
        from root in Gen.Elements("$", "$$", "$var", "$_x", "$$.Execution.Input")
        from n in Gen.Choose(0, 4)
        from segments in Gen.ArrayOf(Gen.Elements(PathSegments), n)
        select root + string.Concat(segments);

    public static readonly Gen<string> Paths = Gen.Frequency(
        (6, BarePaths),
        (2, RawString(8)),
        (1, Gen.Elements("status", "", "$.a b", "$.", "$[", "$.a)", " $.a", "$.a[0", "path('x')", "$.a\u00a0")));

    public static readonly Gen<JsonValue> Numbers = Gen.Frequency(
        (2, Gen.Elements(NumberLexemes)),
        (1, Gen.Choose(-100000, 100000).Select(i => i.ToString(CultureInfo.InvariantCulture))))
        .Select(lexeme => JsonValue.Number(lexeme));

    private static readonly Gen<JsonValue> Scalars = Gen.Frequency(
        (1, Gen.Constant(JsonValue.Null)),
        (1, Gen.Elements(JsonValue.True, JsonValue.False)),
        (2, Numbers),
        (2, Strings.Select(s => JsonValue.String(s))));

    public static Gen<JsonValue> Json(int depth) => depth <= 0
        ? Scalars
        : Gen.Frequency(
            (4, Scalars),
            (1, Gen.Choose(0, 3).SelectMany(n => Gen.ListOf(Json(depth - 1), n)).Select(items => JsonValue.Array(items))),
            (1, Gen.Choose(0, 3).SelectMany(n => Gen.ListOf(Gen.Zip(Strings, Json(depth - 1)), n))
                .Select(members => JsonValue.Object(members.Select(m => new JsonProperty(m.Item1, m.Item2))))));

    private static Gen<JsonValue> OperandFor(string op)
    {
        if (op.EndsWith("Path", StringComparison.Ordinal)) return Paths.Select(p => JsonValue.String(p));
        Gen<JsonValue> natural = op.StartsWith("Numeric", StringComparison.Ordinal) ? Numbers
            : op.StartsWith("Boolean", StringComparison.Ordinal) ? Gen.Elements(JsonValue.True, JsonValue.False)
            : Strings.Select(s => JsonValue.String(s));
        return Gen.Frequency((3, natural), (1, Json(2)));
    }

    public static readonly Gen<ChoiceRuleSpec> Leaves = Gen.Frequency(
        (3, from op in Gen.Elements(ComparisonOperators)
            from variable in Paths
            from operand in OperandFor(op)
            select new ChoiceRuleSpec { Variable = variable, Operator = op, Operand = operand }),
        (1, from op in Gen.Elements(TypeTests)
            from variable in Paths
            from value in Gen.Elements(true, false)
            select new ChoiceRuleSpec { Variable = variable, Operator = op, Operand = JsonValue.Boolean(value) }));

    public static Gen<ChoiceRuleSpec> Rules(int depth) => depth <= 0
        ? Leaves
        : Gen.Frequency(
            (2, Leaves),
            (1, Gen.Choose(1, 4).SelectMany(n => Gen.ListOf(Rules(depth - 1), n)).Select(items => new ChoiceRuleSpec { And = items.ToEquatableArray() })),
            (1, Gen.Choose(1, 4).SelectMany(n => Gen.ListOf(Rules(depth - 1), n)).Select(items => new ChoiceRuleSpec { Or = items.ToEquatableArray() })),
            (1, Rules(depth - 1).Select(r => new ChoiceRuleSpec { Not = r })));

    private static readonly Gen<ChoiceRuleSpec> Jsonata =
        from lead in Gen.Elements("", " ", "\n  ")
        from body in Strings
        from trail in Gen.Elements("", " ", "\n")
        select new ChoiceRuleSpec { Condition = JsonValue.String($"{lead}{{% {body} %}}{trail}") };

    // What a top-level rule carries besides its condition: ignored by the printer.
    private static readonly Gen<ChoiceRuleSpec> TopLevel =
        from rule in Gen.Frequency((10, Gen.Choose(0, 4).SelectMany(Rules)), (1, Jsonata))
        from next in Gen.Elements<string?>(null, "Done", "Next State")
        from comment in Gen.Elements<string?>(null, "why")
        from assign in Gen.Elements<JsonValue?>(null, JsonValue.Object(new[] { new JsonProperty("x", JsonValue.Number("1")) }))
        select rule with { Next = next, Comment = comment, Assign = assign };

    public static Arbitrary<GeneratedRule> GeneratedRules() => Arb.From(TopLevel.Select(r => new GeneratedRule(r)));

    public static Arbitrary<SpelledRule> SpelledRules() => Arb.From(
        from rule in Gen.Frequency((10, Gen.Choose(0, 4).SelectMany(Rules)), (1, Jsonata))
        from seed in Gen.Choose(0, int.MaxValue)
        select new SpelledRule(rule, new Speller(new Random(seed)).Spell(rule)));

    public static Arbitrary<FuzzText> FuzzTexts() => Arb.From(Gen.Frequency(
        (1, RawString(30)),
        (3, from tokens in Gen.Choose(1, 12).SelectMany(n => Gen.ArrayOf(Gen.Elements(FuzzTokens), n)) select string.Concat(tokens)),
        (4, from rule in Gen.Choose(0, 3).SelectMany(Rules)
            from seed in Gen.Choose(0, int.MaxValue)
            select Mutate(new Speller(new Random(seed)).Spell(rule), new Random(seed))))
        .Select(t => new FuzzText(t)));

    private static readonly string[] FuzzTokens =
    {
        "$.a", "$['x']", "$..b[0]", "path('p')", " ", "==", "!=", "<", "<=", ">", ">=", "matches", "&&", "||", "!", "(", ")", "'s'", "\"d\"",
        "3", "-1.5e3", "true", "false", "null", "string(", "number(", "boolean(", "timestamp(", "isPresent(", "isNull(", "and(", "or(",
        "[", "]", "{", "}", ",", ":", "{%", "%}", "\\", "'", "\"", "\\u00", "01", "=",
    };

    // A few random edits: delete, duplicate or insert characters.
    private static string Mutate(string text, Random random)
    {
        var sb = new StringBuilder(text);
        var edits = random.Next(1, 4);
        for (var i = 0; i < edits; i++)
        {
            var at = random.Next(0, sb.Length + 1);
            switch (random.Next(3))
            {
                case 0 when at < sb.Length: sb.Remove(at, 1); break;
                case 1 when at < sb.Length: sb.Insert(at, sb[at]); break;
                default: sb.Insert(at, FuzzTokens[random.Next(FuzzTokens.Length)]); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// A second, deliberately non-canonical writer: it makes every choice the syntax allows at
    /// random (quote style, escapes, spaces, redundant parentheses and wrappers, path('...') for
    /// plain paths, "== true", "!x" or "!=" for negation), so properties can check that each
    /// spelling of a rule parses to that rule.
    /// </summary>
    private sealed class Speller(Random random)
    {
        private bool Coin() => random.Next(2) == 0;

        private string Space() => random.Next(4) switch { 0 => "", 1 => " ", 2 => "  ", _ => "\n\t" };

        // Around 'matches' a separator is required.
        private string RequiredSpace() => random.Next(3) switch { 0 => " ", 1 => "  ", _ => "\n" };

        public string Spell(ChoiceRuleSpec rule) => rule.Condition is { } c ? c.Text! : Space() + Node(rule) + Space();

        // group: the context needs this node in parentheses (otherwise they are added at random,
        // since redundant parentheses never change the tree).
        private string Node(ChoiceRuleSpec rule, bool group = false)
        {
            string text;
            if (rule.And is { } and) text = Chain(and, "and", "&&");
            else if (rule.Or is { } or) text = Chain(or, "or", "||");
            else if (rule.Not is { } not) text = Not(not);
            else text = Leaf(rule, negate: false);
            return group || random.Next(5) == 0 ? "(" + Space() + text + Space() + ")" : text;
        }

        private static bool IsChain(ChoiceRuleSpec rule) => rule.And is { Count: > 1 } || rule.Or is { Count: > 1 };

        private string Chain(EquatableArray<ChoiceRuleSpec> operands, string word, string op)
        {
            if (operands.Count == 1) return word + Space() + "(" + Space() + Node(operands[0]) + Space() + ")";
            // An And in an And, an Or in an Or, and an Or in an And need their own group.
            var parts = operands.Select(o => Node(o, group: o.Or is { Count: > 1 } || (word == "and" && o.And is { Count: > 1 })));
            return string.Join(Space() + op + Space(), parts);
        }

        private string Not(ChoiceRuleSpec operand)
        {
            var isEquals = operand.Operator is { } op && ConditionSyntax.Comparisons.TryGetValue(op, out var info) && info.IsEquals;
            if (isEquals && Coin()) return Leaf(operand, negate: true);
            if (operand.Operator is { } test && ConditionSyntax.TypeTestFunctions.TryGetValue(test, out var function) && Coin())
                return function + Space() + "(" + Space() + Path(operand.Variable!) + Space() + ")" + Space() + "!=" + Space() + (operand.Operand!.Kind == JsonKind.True ? "true" : "false");
            // "!" binds to the following primary: a chain needs a group; a comparison does not.
            return "!" + Space() + Node(operand, group: IsChain(operand));
        }

        private string Leaf(ChoiceRuleSpec rule, bool negate)
        {
            var op = rule.Operator!;
            var operand = rule.Operand!;
            if (ConditionSyntax.TypeTestFunctions.TryGetValue(op, out var function))
            {
                var call = function + Space() + "(" + Space() + Path(rule.Variable!) + Space() + ")";
                return operand.Kind == JsonKind.True && Coin() ? call : call + Space() + "==" + Space() + (operand.Kind == JsonKind.True ? "true" : "false");
            }
            var info = ConditionSyntax.Comparisons[op];
            var symbol = negate ? "!=" : info.Symbol;
            var wrapper = ConditionSyntax.WrapperName(info.Family);
            string right;
            if (info.IsPath)
            {
                right = wrapper + Space() + "(" + Space() + Path(operand.Text!) + Space() + ")";
            }
            else
            {
                var bareAllowed = info.Family switch
                {
                    OperandFamily.String => operand.IsString,
                    OperandFamily.Numeric => operand.IsNumber,
                    OperandFamily.Boolean => operand.IsBoolean,
                    _ => false,
                };
                var literal = Literal(operand);
                right = bareAllowed && Coin() ? literal : wrapper + Space() + "(" + Space() + literal + Space() + ")";
            }
            var left = Path(rule.Variable!);
            return symbol == "matches"
                ? left + RequiredSpace() + "matches" + RequiredSpace() + right
                : left + Space() + symbol + Space() + right;
        }

        private string Path(string path) =>
            ConditionSyntax.IsBarePath(path) && random.Next(4) != 0 ? path : "path" + Space() + "(" + Space() + Quote(path) + Space() + ")";

        private string Literal(JsonValue value) => value.Kind switch
        {
            JsonKind.Null => "null",
            JsonKind.True => "true",
            JsonKind.False => "false",
            JsonKind.Number => value.Text!,
            JsonKind.String => Quote(value.Text!),
            JsonKind.Array => "[" + Space() + string.Join(Space() + "," + Space(), value.Items.Select(Literal)) + Space() + "]",
            _ => "{" + Space() + string.Join(Space() + "," + Space(), value.Properties.Select(p => Quote(p.Name) + Space() + ":" + Space() + Literal(p.Value))) + Space() + "}",
        };

        private string Quote(string value)
        {
            var quote = Coin() ? '\'' : '"';
            var sb = new StringBuilder().Append(quote);
            foreach (var c in value)
            {
                if (c == quote || c == '\\') sb.Append('\\').Append(c);
                else if (c == '/' && random.Next(3) == 0) sb.Append("\\/");
                else if (c == '\n' && Coin()) sb.Append("\\n");
                else if (random.Next(8) == 0) sb.Append("\\u").Append(((int)c).ToString(Coin() ? "x4" : "X4", CultureInfo.InvariantCulture));
                else sb.Append(c);
            }
            return sb.Append(quote).ToString();
        }
    }
}
