using System.Globalization;
using System.Text;

namespace Flowstate.Local.Paths;

/// <summary>Where a path starts: the state's data ($), the context object ($$) or a variable ($name).</summary>
internal enum PathRoot { Input, Context, Variable }

/// <summary>A path that could not be parsed: a States.Runtime error when met at run time.</summary>
internal sealed class PathSyntaxException : Exception
{
    public PathSyntaxException(string path, string message) : base($"Invalid JSONPath '{path}': {message}") { }
}

/// <summary>
/// A compiled JSONPath as Step Functions evaluates it (its engine is Jayway JsonPath): $ / $$ / $var,
/// .name, ['name'], ["a","b"], [0], [-1], [0,2], [1:3], [::2], [*], .*, ..name, ..*, ..[0],
/// [?(filter)] and a trailing function (.length(), .min(), ...). Hand-written because no JSONPath
/// library on NuGet follows Jayway's rules (definite vs indefinite paths, deep-scan order, filters
/// applied to objects) and those rules decide what a state's output is.
/// </summary>
internal sealed class JsonPath
{
    private readonly Segment[] _segments;
    private readonly string? _function;

    private JsonPath(string text, PathRoot root, string? variable, Segment[] segments, string? function)
    {
        Text = text;
        Root = root;
        Variable = variable;
        _segments = segments;
        _function = function;
        IsDefinite = function is not null || segments.All(s => s.IsDefinite);
    }

    public string Text { get; }
    public PathRoot Root { get; }
    public string? Variable { get; }

    /// <summary>True when the path names at most one node: no wildcard, deep scan, filter, slice or union.</summary>
    public bool IsDefinite { get; }

    /// <summary>True for "$" alone (or "$$", "$var").</summary>
    public bool IsRootOnly => _segments.Length == 0 && _function is null;

    /// <summary>The member names of a definite path made only of names (for ResultPath); null otherwise.</summary>
    internal IReadOnlyList<Segment> Segments => _segments;

    private static readonly Dictionary<string, JsonPath> Cache = new(StringComparer.Ordinal);

    /// <summary>Parses (and caches) a path; throws <see cref="PathSyntaxException"/>.</summary>
    public static JsonPath Parse(string text)
    {
        lock (Cache)
            if (Cache.TryGetValue(text, out var cached)) return cached;
        var parsed = new Parser(text).ParsePath();
        lock (Cache)
        {
            if (Cache.Count > 10_000) Cache.Clear();
            Cache[text] = parsed;
        }
        return parsed;
    }

    /// <summary>The nodes the path selects in <paramref name="root"/>, in Jayway's order.</summary>
    public List<JsonValue> Select(JsonValue root, JsonValue? filterRoot = null)
    {
        var current = new List<JsonValue>(1) { root };
        var env = filterRoot ?? root;
        foreach (var segment in _segments)
        {
            var next = new List<JsonValue>();
            foreach (var node in current) segment.Apply(node, next, env);
            current = next;
            if (current.Count == 0) break;
        }
        if (_function is null) return current;
        if (current.Count == 0) return current;
        // Jayway applies a function to the single node of a definite path, or to the array of matches.
        var target = _segments.All(s => s.IsDefinite) ? current[0] : JsonValue.Array(current);
        var result = ApplyFunction(_function, target);
        return result is null ? new List<JsonValue>() : new List<JsonValue> { result };
    }

    /// <summary>
    /// Step Functions' value of a path: the one node of a definite path, the array of matches of an
    /// indefinite one (possibly empty). False when a definite path matches nothing.
    /// </summary>
    public bool TryEvaluate(JsonValue root, out JsonValue value)
    {
        if (IsRootOnly) { value = root; return true; }
        var matches = Select(root);
        if (IsDefinite)
        {
            if (matches.Count == 0) { value = JsonValue.Null; return false; }
            value = matches[0];
            return true;
        }
        value = JsonValue.Array(matches);
        return true;
    }

    private static JsonValue? ApplyFunction(string name, JsonValue target)
    {
        switch (name)
        {
            case "length":
            case "size":
                if (target.IsArray) return JsonValue.Number(target.Items.Count);
                if (target.IsString) return JsonValue.Number(target.Text!.Length) /* Java counts UTF-16 code units, as .NET does */;
                if (target.IsObject) return JsonValue.Number(target.Properties.Count);
                return null;
            case "keys":
                return target.IsObject ? JsonValue.Array(target.Properties.Select(p => JsonValue.String(p.Name))) : null;
            case "first":
                return target.IsArray && target.Items.Count > 0 ? target.Items[0] : null;
            case "last":
                return target.IsArray && target.Items.Count > 0 ? target.Items[target.Items.Count - 1] : null;
            case "min": case "max": case "avg": case "sum": case "stddev":
            {
                if (!target.IsArray) return null;
                var numbers = target.Items.Where(i => i.IsNumber).Select(i => i.AsDouble()).ToList();
                if (numbers.Count == 0) return null;
                double r = name switch
                {
                    "min" => numbers.Min(),
                    "max" => numbers.Max(),
                    "sum" => numbers.Sum(),
                    "avg" => numbers.Average(),
                    _ => Math.Sqrt(numbers.Select(n => n * n).Average() - Math.Pow(numbers.Average(), 2)),
                };
                return JsonValue.Number(r);
            }
            default:
                return null;
        }
    }

    public override string ToString() => Text;

    // ------------------------------------------------------------------ segments

    internal abstract class Segment
    {
        public virtual bool IsDefinite => false;
        public abstract void Apply(JsonValue node, List<JsonValue> output, JsonValue root);
    }

    internal sealed class NameSegment : Segment
    {
        public NameSegment(string name) => Name = name;
        public string Name { get; }
        public override bool IsDefinite => true;
        public override void Apply(JsonValue node, List<JsonValue> output, JsonValue root)
        {
            if (!node.IsObject) return;
            var v = node[Name];
            if (v is not null) output.Add(v);
        }
    }

    internal sealed class NamesSegment : Segment
    {
        private readonly string[] _names;
        public NamesSegment(string[] names) => _names = names;
        public override void Apply(JsonValue node, List<JsonValue> output, JsonValue root)
        {
            if (!node.IsObject) return;
            foreach (var n in _names)
            {
                var v = node[n];
                if (v is not null) output.Add(v);
            }
        }
    }

    internal sealed class IndexSegment : Segment
    {
        public IndexSegment(int index) => Index = index;
        public int Index { get; }
        public override bool IsDefinite => true;
        public override void Apply(JsonValue node, List<JsonValue> output, JsonValue root)
        {
            if (!node.IsArray) return;
            var i = Index < 0 ? node.Items.Count + Index : Index;
            if (i >= 0 && i < node.Items.Count) output.Add(node.Items[i]);
        }
    }

    internal sealed class IndexesSegment : Segment
    {
        private readonly int[] _indexes;
        public IndexesSegment(int[] indexes) => _indexes = indexes;
        public override void Apply(JsonValue node, List<JsonValue> output, JsonValue root)
        {
            if (!node.IsArray) return;
            foreach (var index in _indexes)
            {
                var i = index < 0 ? node.Items.Count + index : index;
                if (i >= 0 && i < node.Items.Count) output.Add(node.Items[i]);
            }
        }
    }

    internal sealed class SliceSegment : Segment
    {
        private readonly int? _start, _end, _step;
        public SliceSegment(int? start, int? end, int? step) { _start = start; _end = end; _step = step; }
        public override void Apply(JsonValue node, List<JsonValue> output, JsonValue root)
        {
            if (!node.IsArray) return;
            var n = node.Items.Count;
            var step = _step is null or 0 ? 1 : _step.Value;
            if (step < 0) return;
            var start = _start ?? 0;
            var end = _end ?? n;
            if (start < 0) start = Math.Max(0, n + start);
            if (end < 0) end = n + end;
            end = Math.Min(end, n);
            for (var i = start; i < end; i += step) output.Add(node.Items[i]);
        }
    }

    internal sealed class WildcardSegment : Segment
    {
        public override void Apply(JsonValue node, List<JsonValue> output, JsonValue root)
        {
            if (node.IsArray) foreach (var i in node.Items) output.Add(i);
            else if (node.IsObject) foreach (var p in node.Properties) output.Add(p.Value);
        }
    }

    internal sealed class FilterSegment : Segment
    {
        private readonly FilterExpression _filter;
        public FilterSegment(FilterExpression filter) => _filter = filter;
        public override void Apply(JsonValue node, List<JsonValue> output, JsonValue root)
        {
            // Jayway: on an array the filter selects elements; on an object it tests the object itself.
            if (node.IsArray)
            {
                foreach (var item in node.Items)
                    if (_filter.Test(item, root)) output.Add(item);
            }
            else if (node.IsObject && _filter.Test(node, root)) output.Add(node);
        }
    }

    /// <summary>..x: Jayway's deep scan, pre-order: apply the inner segment to a node, then walk its children.</summary>
    internal sealed class DeepScanSegment : Segment
    {
        private readonly Segment _inner;
        public DeepScanSegment(Segment inner) => _inner = inner;
        public override void Apply(JsonValue node, List<JsonValue> output, JsonValue root)
        {
            _inner.Apply(node, output, root);
            if (node.IsObject) foreach (var p in node.Properties) { if (p.Value.IsObject || p.Value.IsArray) Apply(p.Value, output, root); }
            else if (node.IsArray) foreach (var i in node.Items) { if (i.IsObject || i.IsArray) Apply(i, output, root); }
        }
    }

    // ------------------------------------------------------------------ parser

    private sealed class Parser
    {
        private readonly string _text;
        private int _i;

        public Parser(string text) { _text = text; }

        private PathSyntaxException Error(string message) => new(_text, message);

        public JsonPath ParsePath()
        {
            var t = _text;
            if (t.Length == 0 || t[0] != '$') throw Error("a path starts with '$'");
            _i = 1;
            var root = PathRoot.Input;
            string? variable = null;
            if (_i < t.Length && t[_i] == '$') { root = PathRoot.Context; _i++; }
            else if (_i < t.Length && (char.IsLetter(t[_i]) || t[_i] == '_'))
            {
                var start = _i;
                while (_i < t.Length && (char.IsLetterOrDigit(t[_i]) || t[_i] == '_')) _i++;
                root = PathRoot.Variable;
                variable = t.Substring(start, _i - start);
            }
            var segments = new List<Segment>();
            string? function = null;
            while (_i < t.Length)
            {
                if (function is not null) throw Error("a function such as length() must be the last part of the path");
                var c = t[_i];
                if (c == '.')
                {
                    if (_i + 1 < t.Length && t[_i + 1] == '.')
                    {
                        _i += 2;
                        Segment inner;
                        if (_i < t.Length && t[_i] == '[') inner = ParseBracket();
                        else if (_i < t.Length && t[_i] == '*') { _i++; inner = new WildcardSegment(); }
                        else inner = new NameSegment(ReadDotName() ?? throw Error("'..' must be followed by a name, '*' or '['"));
                        segments.Add(new DeepScanSegment(inner));
                        continue;
                    }
                    _i++;
                    if (_i < t.Length && t[_i] == '*') { _i++; segments.Add(new WildcardSegment()); continue; }
                    if (_i < t.Length && t[_i] == '[') continue; // lenient "$.[0]", as Jayway
                    var name = ReadDotName() ?? throw Error($"expected a name after '.' at position {_i}");
                    if (name.EndsWith("()", StringComparison.Ordinal)) { function = name.Substring(0, name.Length - 2); continue; }
                    segments.Add(new NameSegment(name));
                }
                else if (c == '[') segments.Add(ParseBracket());
                else if (char.IsWhiteSpace(c)) { _i++; }
                else throw Error($"unexpected '{c}' at position {_i}");
            }
            return new JsonPath(t, root, variable, segments.ToArray(), function);
        }

        private string? ReadDotName()
        {
            var start = _i;
            while (_i < _text.Length && _text[_i] != '.' && _text[_i] != '[')
            {
                if (_text[_i] == '(' && _i + 1 < _text.Length && _text[_i + 1] == ')') { _i += 2; break; }
                _i++;
            }
            if (_i == start) return null;
            return _text.Substring(start, _i - start).TrimEnd();
        }

        private void SkipWs() { while (_i < _text.Length && _text[_i] == ' ') _i++; }

        private Segment ParseBracket()
        {
            _i++; // [
            SkipWs();
            if (_i >= _text.Length) throw Error("unclosed '['");
            var c = _text[_i];
            if (c == '\'' || c == '"')
            {
                var names = new List<string>();
                while (true)
                {
                    SkipWs();
                    names.Add(ReadQuoted());
                    SkipWs();
                    if (_i < _text.Length && _text[_i] == ',') { _i++; continue; }
                    Expect(']');
                    break;
                }
                return names.Count == 1 ? new NameSegment(names[0]) : new NamesSegment(names.ToArray());
            }
            if (c == '*') { _i++; SkipWs(); Expect(']'); return new WildcardSegment(); }
            if (c == '?')
            {
                _i++;
                SkipWs();
                if (_i >= _text.Length || _text[_i] != '(') throw Error("a filter is written [?(...)]");
                var close = FindClose(_i);
                var body = _text.Substring(_i + 1, close - _i - 1);
                _i = close + 1;
                SkipWs();
                Expect(']');
                return new FilterSegment(FilterExpression.Parse(body, _text));
            }
            if (c == '(') throw Error("script expressions [(...)] are not supported by Step Functions");
            // numbers: index, union or slice
            var end = _text.IndexOf(']', _i);
            if (end < 0) throw Error("unclosed '['");
            var inside = _text.Substring(_i, end - _i).Trim();
            _i = end + 1;
            if (inside.Contains(':'))
            {
                var parts = inside.Split(':');
                if (parts.Length > 3) throw Error($"bad slice [{inside}]");
                int? P(int k) => k < parts.Length && parts[k].Trim().Length > 0 ? ParseInt(parts[k]) : null;
                return new SliceSegment(P(0), P(1), P(2));
            }
            var indexes = inside.Split(',').Select(ParseInt).ToArray();
            return indexes.Length == 1 ? new IndexSegment(indexes[0]) : new IndexesSegment(indexes);
        }

        private int ParseInt(string s)
        {
            if (!int.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
                throw Error($"'{s.Trim()}' is not an array index");
            return v;
        }

        private void Expect(char c)
        {
            if (_i >= _text.Length || _text[_i] != c) throw Error($"expected '{c}' at position {_i}");
            _i++;
        }

        private string ReadQuoted()
        {
            if (_i >= _text.Length || (_text[_i] != '\'' && _text[_i] != '"')) throw Error($"expected a quoted name at position {_i}");
            var q = _text[_i++];
            var sb = new StringBuilder();
            while (_i < _text.Length && _text[_i] != q)
            {
                if (_text[_i] == '\\' && _i + 1 < _text.Length) { _i++; }
                sb.Append(_text[_i++]);
            }
            if (_i >= _text.Length) throw Error("unclosed quoted name");
            _i++;
            return sb.ToString();
        }

        private int FindClose(int open)
        {
            var depth = 0;
            for (var k = open; k < _text.Length; k++)
            {
                var ch = _text[k];
                if (ch == '\'' || ch == '"')
                {
                    k++;
                    while (k < _text.Length && _text[k] != ch) { if (_text[k] == '\\') k++; k++; }
                    continue;
                }
                if (ch == '(') depth++;
                else if (ch == ')' && --depth == 0) return k;
            }
            throw Error("unclosed '(' in filter");
        }
    }
}
