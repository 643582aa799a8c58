using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Flowstate.Local.Paths;

/// <summary>
/// A Jayway filter ([?(...)]): comparisons (== != &lt; &lt;= &gt; &gt;= =~ in nin subsetof anyof
/// noneof size empty contains), existence (@.x), &amp;&amp;, ||, ! and parentheses. @ is the node
/// under test, $ the document's root.
/// </summary>
internal abstract class FilterExpression
{
    public abstract bool Test(JsonValue current, JsonValue root);

    public static FilterExpression Parse(string body, string wholePath) => new FilterParser(body, wholePath).Parse();

    private sealed class Or : FilterExpression
    {
        public Or(FilterExpression l, FilterExpression r) { L = l; R = r; }
        public FilterExpression L { get; } public FilterExpression R { get; }
        public override bool Test(JsonValue c, JsonValue r) => L.Test(c, r) || R.Test(c, r);
    }

    private sealed class And : FilterExpression
    {
        public And(FilterExpression l, FilterExpression r) { L = l; R = r; }
        public FilterExpression L { get; } public FilterExpression R { get; }
        public override bool Test(JsonValue c, JsonValue r) => L.Test(c, r) && R.Test(c, r);
    }

    private sealed class Not : FilterExpression
    {
        public Not(FilterExpression e) { E = e; }
        public FilterExpression E { get; }
        public override bool Test(JsonValue c, JsonValue r) => !E.Test(c, r);
    }

    private sealed class Exists : FilterExpression
    {
        private readonly Operand _operand;
        public Exists(Operand operand) => _operand = operand;
        public override bool Test(JsonValue c, JsonValue r)
        {
            var v = _operand.Evaluate(c, r);
            // Jayway: an existence check on a boolean literal is its value.
            if (v is not null && _operand.IsLiteral) return v.Kind == JsonKind.True;
            return v is not null;
        }
    }

    private sealed class Comparison : FilterExpression
    {
        private readonly Operand _left, _right;
        private readonly string _op;
        public Comparison(Operand left, string op, Operand right) { _left = left; _op = op; _right = right; }

        public override bool Test(JsonValue c, JsonValue r)
        {
            var a = _left.Evaluate(c, r);
            var b = _right.Evaluate(c, r);
            switch (_op)
            {
                case "==": return a is not null && b is not null && JsonCompare.EqualsLoose(a, b);
                case "!=": return !(a is not null && b is not null && JsonCompare.EqualsLoose(a, b));
                case "<": return Order(a, b) is int x1 && x1 < 0;
                case "<=": return Order(a, b) is int x2 && x2 <= 0;
                case ">": return Order(a, b) is int x3 && x3 > 0;
                case ">=": return Order(a, b) is int x4 && x4 >= 0;
                case "=~":
                    return a is { IsString: true } && _right.Regex is not null && _right.Regex.IsMatch(a.Text!);
                case "in": return b is { IsArray: true } && a is not null && b.Items.Any(i => JsonCompare.EqualsLoose(a, i));
                case "nin": return b is { IsArray: true } && a is not null && !b.Items.Any(i => JsonCompare.EqualsLoose(a, i));
                case "contains":
                    if (a is { IsString: true } && b is { IsString: true }) return a.Text!.Contains(b.Text!, StringComparison.Ordinal);
                    return a is { IsArray: true } && b is not null && a.Items.Any(i => JsonCompare.EqualsLoose(i, b));
                case "subsetof": return a is { IsArray: true } && b is { IsArray: true } && a.Items.All(i => b.Items.Any(j => JsonCompare.EqualsLoose(i, j)));
                case "anyof": return a is { IsArray: true } && b is { IsArray: true } && a.Items.Any(i => b.Items.Any(j => JsonCompare.EqualsLoose(i, j)));
                case "noneof": return a is { IsArray: true } && b is { IsArray: true } && !a.Items.Any(i => b.Items.Any(j => JsonCompare.EqualsLoose(i, j)));
                case "size":
                    if (b is null || !b.IsNumber || a is null) return false;
                    var n = b.AsDouble();
                    return a.IsArray ? a.Items.Count == n : a.IsString && a.Text!.Length == n;
                case "empty":
                    if (b is null || !b.IsBoolean || a is null) return false;
                    var isEmpty = a.IsArray ? a.Items.Count == 0 : a.IsString ? a.Text!.Length == 0 : a.IsObject && a.Properties.Count == 0;
                    return isEmpty == (b.Kind == JsonKind.True);
                default: return false;
            }
        }

        private static int? Order(JsonValue? a, JsonValue? b)
        {
            if (a is null || b is null) return null;
            if (a.IsNumber && b.IsNumber) return a.AsDouble().CompareTo(b.AsDouble());
            if (a.IsString && b.IsString) return string.CompareOrdinal(a.Text, b.Text);
            return null;
        }
    }

    /// <summary>One side of a comparison: a path (@ or $) or a literal.</summary>
    internal sealed class Operand
    {
        private readonly JsonPath? _path;
        private readonly bool _relative;
        private readonly JsonValue? _literal;

        private Operand(JsonPath? path, bool relative, JsonValue? literal, Regex? regex)
        {
            _path = path;
            _relative = relative;
            _literal = literal;
            Regex = regex;
        }

        public bool IsLiteral => _path is null;
        public Regex? Regex { get; }

        public static Operand Path(JsonPath path, bool relative) => new(path, relative, null, null);
        public static Operand Literal(JsonValue value) => new(null, false, value, null);
        public static Operand Pattern(Regex regex) => new(null, false, JsonValue.Null, regex);

        public JsonValue? Evaluate(JsonValue current, JsonValue root)
        {
            if (_path is null) return _literal;
            var matches = _path.Select(_relative ? current : root, root);
            if (_path.IsDefinite) return matches.Count == 0 ? null : matches[0];
            return JsonValue.Array(matches);
        }
    }

    private sealed class FilterParser
    {
        private static readonly string[] Operators = { "==", "!=", "<=", ">=", "=~", "<", ">", " in ", " nin ", " subsetof ", " anyof ", " noneof ", " size ", " empty ", " contains " };
        private readonly string _s;
        private readonly string _whole;
        private int _i;

        public FilterParser(string s, string whole) { _s = s; _whole = whole; }

        private PathSyntaxException Error(string m) => new(_whole, m);

        public FilterExpression Parse()
        {
            var e = ParseOr();
            SkipWs();
            if (_i < _s.Length) throw Error($"unexpected '{_s.Substring(_i)}' in filter");
            return e;
        }

        private void SkipWs() { while (_i < _s.Length && char.IsWhiteSpace(_s[_i])) _i++; }

        private bool Take(string token)
        {
            SkipWs();
            if (string.CompareOrdinal(_s, _i, token, 0, token.Length) == 0) { _i += token.Length; return true; }
            return false;
        }

        private FilterExpression ParseOr()
        {
            var left = ParseAnd();
            while (Take("||")) left = new Or(left, ParseAnd());
            return left;
        }

        private FilterExpression ParseAnd()
        {
            var left = ParseUnary();
            while (Take("&&")) left = new And(left, ParseUnary());
            return left;
        }

        private FilterExpression ParseUnary()
        {
            SkipWs();
            if (_i < _s.Length && _s[_i] == '!' && (_i + 1 >= _s.Length || _s[_i + 1] != '=')) { _i++; return new Not(ParseUnary()); }
            if (_i < _s.Length && _s[_i] == '(')
            {
                _i++;
                var inner = ParseOr();
                if (!Take(")")) throw Error("missing ')' in filter");
                return inner;
            }
            var left = ParseOperand();
            SkipWs();
            foreach (var op in Operators)
            {
                var probe = op.Trim();
                if (op[0] == ' ')
                {
                    // word operators need the space before them (already skipped) and after them
                    if (string.CompareOrdinal(_s, _i, probe, 0, probe.Length) == 0 && _i + probe.Length < _s.Length && char.IsWhiteSpace(_s[_i + probe.Length]))
                    {
                        _i += probe.Length;
                        return new Comparison(left, probe, ParseOperand(probe == "=~"));
                    }
                }
                else if (string.CompareOrdinal(_s, _i, probe, 0, probe.Length) == 0)
                {
                    _i += probe.Length;
                    return new Comparison(left, probe, ParseOperand(probe == "=~"));
                }
            }
            return new Exists(left);
        }

        private Operand ParseOperand(bool regex = false)
        {
            SkipWs();
            if (_i >= _s.Length) throw Error("filter ends where a value is expected");
            var c = _s[_i];
            if (regex && c == '/')
            {
                var end = _s.LastIndexOf('/');
                if (end <= _i) throw Error("unclosed regular expression");
                var pattern = _s.Substring(_i + 1, end - _i - 1);
                _i = end + 1;
                var options = RegexOptions.CultureInvariant;
                while (_i < _s.Length && char.IsLetter(_s[_i])) { if (_s[_i] == 'i') options |= RegexOptions.IgnoreCase; _i++; }
                // Jayway matches the whole string (Matcher.matches()).
                return Operand.Pattern(new Regex("^(?:" + pattern + ")$", options));
            }
            if (c == '@' || c == '$')
            {
                var start = _i;
                _i++;
                if (c == '$' && _i < _s.Length && _s[_i] == '$') _i++;
                while (_i < _s.Length)
                {
                    var ch = _s[_i];
                    if (ch == '[')
                    {
                        var depth = 0;
                        for (; _i < _s.Length; _i++)
                        {
                            var k = _s[_i];
                            if (k == '\'' || k == '"') { _i++; while (_i < _s.Length && _s[_i] != k) _i++; continue; }
                            if (k == '[') depth++;
                            else if (k == ']' && --depth == 0) { _i++; break; }
                        }
                        continue;
                    }
                    if (ch == '(' && _i + 1 < _s.Length && _s[_i + 1] == ')') { _i += 2; continue; }
                    if (ch == '.' || ch == '_' || ch == '-' || ch == '*' || char.IsLetterOrDigit(ch)) { _i++; continue; }
                    break;
                }
                var text = _s.Substring(start, _i - start);
                var relative = c == '@';
                var path = JsonPath.Parse(relative ? "$" + text.Substring(1) : text);
                return Operand.Path(path, relative);
            }
            if (c == '\'' || c == '"')
            {
                _i++;
                var sb = new StringBuilder();
                while (_i < _s.Length && _s[_i] != c)
                {
                    if (_s[_i] == '\\' && _i + 1 < _s.Length) _i++;
                    sb.Append(_s[_i++]);
                }
                if (_i >= _s.Length) throw Error("unclosed string in filter");
                _i++;
                return Operand.Literal(JsonValue.String(sb.ToString()));
            }
            if (c == '[' || c == '{')
            {
                // a JSON literal (array for in/nin/subsetof...), read with the strict JSON reader
                var depth = 0;
                var start = _i;
                for (; _i < _s.Length; _i++)
                {
                    var k = _s[_i];
                    if (k == '"' || k == '\'') { var q = k; _i++; while (_i < _s.Length && _s[_i] != q) { if (_s[_i] == '\\') _i++; _i++; } continue; }
                    if (k == '[' || k == '{') depth++;
                    else if ((k == ']' || k == '}') && --depth == 0) { _i++; break; }
                }
                var literal = _s.Substring(start, _i - start).Replace('\'', '"');
                var parsed = JsonReader.Parse(literal);
                if (!parsed.Success) throw Error($"bad literal {literal} in filter");
                return Operand.Literal(parsed.Value!);
            }
            if (Take("true")) return Operand.Literal(JsonValue.True);
            if (Take("false")) return Operand.Literal(JsonValue.False);
            if (Take("null")) return Operand.Literal(JsonValue.Null);
            var numStart = _i;
            while (_i < _s.Length && (char.IsDigit(_s[_i]) || _s[_i] is '-' or '+' or '.' or 'e' or 'E')) _i++;
            var num = _s.Substring(numStart, _i - numStart);
            if (num.Length == 0 || !double.TryParse(num, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                throw Error($"unexpected '{_s.Substring(numStart)}' in filter");
            return Operand.Literal(JsonValue.Number(num));
        }
    }
}
