using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Flowstate.Core.Syntax;
using Flowstate.Local.Paths;

namespace Flowstate.Local;

/// <summary>
/// Step Functions' intrinsic functions (States.Format, States.Array, ..., States.UUID): parsed once
/// per expression text and evaluated against the state's data, context and variables.
/// </summary>
internal static class Intrinsics
{
    private abstract class Arg { }
    private sealed class Literal : Arg { public Literal(JsonValue v, List<object>? format) { Value = v; FormatParts = format; } public JsonValue Value { get; } public List<object>? FormatParts { get; } }
    private sealed class PathArg : Arg { public PathArg(JsonPath p) { Path = p; } public JsonPath Path { get; } }
    private sealed class Call : Arg { public Call(string n, List<Arg> a) { Name = n; Args = a; } public string Name { get; } public List<Arg> Args { get; } }

    /// <summary>A placeholder "{}" inside a literal format template (escaped braces are plain text).</summary>
    private sealed class Placeholder { public static readonly Placeholder Instance = new(); }

    private static readonly Dictionary<string, Call> Cache = new(StringComparer.Ordinal);

    /// <summary>Parses (and caches) an intrinsic call; throws <see cref="PathSyntaxException"/> when it is malformed.</summary>
    public static void Parse(string text) => GetCall(text);

    private static Call GetCall(string text)
    {
        lock (Cache) if (Cache.TryGetValue(text, out var c)) return c;
        var i = 0;
        var call = ParseCall(text, ref i, 0);
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        if (i != text.Length) throw new PathSyntaxException(text, $"unexpected text after the call at position {i}");
        lock (Cache) Cache[text] = call;
        return call;
    }

    private static Call ParseCall(string s, ref int i, int depth)
    {
        if (depth > IntrinsicSyntax.MaxNesting) throw new PathSyntaxException(s, $"intrinsic functions nest at most {IntrinsicSyntax.MaxNesting} deep");
        var start = i;
        while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '.')) i++;
        var name = s.Substring(start, i - start);
        if (!IntrinsicSyntax.Arity.ContainsKey(name)) throw new PathSyntaxException(s, $"'{name}' is not an intrinsic function");
        if (i >= s.Length || s[i] != '(') throw new PathSyntaxException(s, $"expected '(' after {name}");
        i++;
        var args = new List<Arg>();
        SkipWs(s, ref i);
        if (i < s.Length && s[i] == ')') { i++; }
        else
        {
            while (true)
            {
                SkipWs(s, ref i);
                args.Add(ParseArg(s, ref i, depth));
                SkipWs(s, ref i);
                if (i < s.Length && s[i] == ',') { i++; continue; }
                if (i < s.Length && s[i] == ')') { i++; break; }
                throw new PathSyntaxException(s, $"expected ',' or ')' at position {i}");
            }
        }
        // The one arity table is the validator's (Core/Syntax/IntrinsicSyntax.cs); -1 there means unbounded.
        var (min, max) = IntrinsicSyntax.Arity[name];
        if (max < 0) max = int.MaxValue;
        if (args.Count < min || args.Count > max)
            throw new PathSyntaxException(s, $"{name} takes {(min == max ? min.ToString(CultureInfo.InvariantCulture) : $"{min} to {(max == int.MaxValue ? "any number of" : max.ToString(CultureInfo.InvariantCulture))}")} argument(s), not {args.Count}");
        return new Call(name, args);
    }

    private static void SkipWs(string s, ref int i) { while (i < s.Length && char.IsWhiteSpace(s[i])) i++; }

    private static Arg ParseArg(string s, ref int i, int depth)
    {
        if (i >= s.Length) throw new PathSyntaxException(s, "missing argument");
        var c = s[i];
        if (c == '\'')
        {
            i++;
            var sb = new StringBuilder();
            var parts = new List<object>();
            var text = new StringBuilder();
            while (true)
            {
                if (i >= s.Length) throw new PathSyntaxException(s, "unclosed string literal");
                var ch = s[i];
                if (ch == '\'') { i++; break; }
                if (ch == '\\')
                {
                    if (i + 1 >= s.Length) throw new PathSyntaxException(s, "a backslash must escape one of ' { } \\");
                    var e = s[i + 1];
                    if (e != '\'' && e != '{' && e != '}' && e != '\\') throw new PathSyntaxException(s, $"'\\{e}' is not an escape; only \\' \\{{ \\}} \\\\ are");
                    sb.Append(e);
                    text.Append(e);
                    i += 2;
                    continue;
                }
                if (ch == '{' && i + 1 < s.Length && s[i + 1] == '}')
                {
                    sb.Append("{}");
                    if (text.Length > 0) { parts.Add(text.ToString()); text.Clear(); }
                    parts.Add(Placeholder.Instance);
                    i += 2;
                    continue;
                }
                sb.Append(ch);
                text.Append(ch);
                i++;
            }
            if (text.Length > 0) parts.Add(text.ToString());
            return new Literal(JsonValue.String(sb.ToString()), parts);
        }
        if (c == '$')
        {
            var start = i;
            var depthBracket = 0;
            while (i < s.Length)
            {
                var ch = s[i];
                if (ch == '\'' || ch == '"')
                {
                    i++;
                    while (i < s.Length && s[i] != ch) { if (s[i] == '\\') i++; i++; }
                    i++;
                    continue;
                }
                if (ch == '[' || ch == '(') depthBracket++;
                else if (ch == ']' || ch == ')')
                {
                    if (depthBracket == 0) break;
                    depthBracket--;
                }
                else if (ch == ',' && depthBracket == 0) break;
                i++;
            }
            return new PathArg(JsonPath.Parse(s.Substring(start, i - start).TrimEnd()));
        }
        if (s.Length - i >= 7 && string.CompareOrdinal(s, i, "States.", 0, 7) == 0) return ParseCall(s, ref i, depth + 1);
        var tokenStart = i;
        while (i < s.Length && s[i] != ',' && s[i] != ')' && !char.IsWhiteSpace(s[i])) i++;
        var token = s.Substring(tokenStart, i - tokenStart);
        switch (token)
        {
            case "true": return new Literal(JsonValue.True, null);
            case "false": return new Literal(JsonValue.False, null);
            case "null": return new Literal(JsonValue.Null, null);
        }
        var parsed = JsonReader.Parse(token);
        if (parsed.Success && parsed.Value!.IsNumber) return new Literal(parsed.Value, null);
        throw new PathSyntaxException(s, $"'{token}' is not an argument (a 'string', a number, true, false, null, a path or an intrinsic call)");
    }

    public static JsonValue Evaluate(string text, JsonValue input, EvalContext ctx, string field)
    {
        Call call;
        try { call = GetCall(text); }
        catch (PathSyntaxException e) { throw StatesErrorException.Runtime($"The intrinsic function in field '{field}' of state '{ctx.StateName}' is invalid: {e.Message}"); }
        return Invoke(call, input, ctx, field);
    }

    private static JsonValue Value(Arg arg, JsonValue input, EvalContext ctx, string field) => arg switch
    {
        Literal l => l.Value,
        PathArg p => Evaluator.EvaluatePath(p.Path, input, ctx, field),
        Call c => Invoke(c, input, ctx, field),
        _ => throw new InvalidOperationException(),
    };

    private static StatesErrorException Fail(string name, string message) => StatesErrorException.Runtime($"{name}: {message}");

    private static JsonValue Invoke(Call call, JsonValue input, EvalContext ctx, string field)
    {
        var name = call.Name;
        if (name == "States.Format") return Format(call, input, ctx, field);
        var a = call.Args.Select(x => Value(x, input, ctx, field)).ToArray();
        switch (name)
        {
            case "States.StringToJson":
            {
                var s = RequireString(name, a[0]);
                var parsed = JsonReader.Parse(s);
                if (!parsed.Success) throw Fail(name, $"the argument is not JSON text: {parsed.Error}");
                return parsed.Value!;
            }
            case "States.JsonToString":
                return JsonValue.String(JsonCompare.Compact(a[0]));
            case "States.Array":
                return JsonValue.Array(a);
            case "States.ArrayPartition":
            {
                var arr = RequireArray(name, a[0]);
                var size = RequireInt(name, a[1]);
                if (size <= 0) throw Fail(name, "the chunk size must be a positive integer");
                var chunks = new List<JsonValue>();
                for (var i = 0; i < arr.Items.Count; i += (int)size)
                    chunks.Add(JsonValue.Array(arr.Items.Skip(i).Take((int)size).ToArray()));
                return JsonValue.Array(chunks);
            }
            case "States.ArrayContains":
            {
                var arr = RequireArray(name, a[0]);
                return JsonValue.Boolean(arr.Items.Any(i => JsonCompare.EqualsLoose(i, a[1])));
            }
            case "States.ArrayRange":
            {
                var start = RequireInt(name, a[0]);
                var end = RequireInt(name, a[1]);
                var step = RequireInt(name, a[2]);
                if (step == 0) throw Fail(name, "the step must not be 0");
                var items = new List<JsonValue>();
                for (var v = start; step > 0 ? v <= end : v >= end; v += step)
                {
                    if (items.Count == 1000) throw Fail(name, "the range has more than 1000 items");
                    items.Add(JsonValue.Number(v));
                }
                return JsonValue.Array(items);
            }
            case "States.ArrayGetItem":
            {
                var arr = RequireArray(name, a[0]);
                var index = RequireInt(name, a[1]);
                if (index < 0 || index >= arr.Items.Count) throw Fail(name, $"index {index} is outside the array (length {arr.Items.Count})");
                return arr.Items[(int)index];
            }
            case "States.ArrayLength":
                return JsonValue.Number(RequireArray(name, a[0]).Items.Count);
            case "States.ArrayUnique":
            {
                var arr = RequireArray(name, a[0]);
                var unique = new List<JsonValue>();
                foreach (var item in arr.Items)
                    if (!unique.Any(u => JsonCompare.EqualsLoose(u, item))) unique.Add(item);
                return JsonValue.Array(unique);
            }
            case "States.Base64Encode":
            {
                var s = RequireString(name, a[0]);
                if (s.Length > 10_000) throw Fail(name, "the input is longer than 10,000 characters");
                return JsonValue.String(Convert.ToBase64String(Encoding.UTF8.GetBytes(s)));
            }
            case "States.Base64Decode":
            {
                var s = RequireString(name, a[0]);
                if (s.Length > 10_000) throw Fail(name, "the input is longer than 10,000 characters");
                try { return JsonValue.String(Encoding.UTF8.GetString(Convert.FromBase64String(s))); }
                catch (FormatException) { throw Fail(name, "the input is not base64"); }
            }
            case "States.Hash":
            {
                var data = a[0].IsString ? a[0].Text! : JsonCompare.Compact(a[0]);
                if (data.Length > 10_000) throw Fail(name, "the input is longer than 10,000 characters");
                var algorithm = RequireString(name, a[1]);
                var bytes = Encoding.UTF8.GetBytes(data);
                byte[] hash = algorithm switch
                {
                    "MD5" => MD5.HashData(bytes),
                    "SHA-1" => SHA1.HashData(bytes),
                    "SHA-256" => SHA256.HashData(bytes),
                    "SHA-384" => SHA384.HashData(bytes),
                    "SHA-512" => SHA512.HashData(bytes),
                    _ => throw Fail(name, $"'{algorithm}' is not one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"),
                };
                return JsonValue.String(JsonCompare.Hex(hash));
            }
            case "States.JsonMerge":
            {
                if (!a[0].IsObject || !a[1].IsObject) throw Fail(name, "both arguments must be JSON objects");
                if (!a[2].IsBoolean) throw Fail(name, "the third argument (deep merge) must be a boolean");
                return Merge(a[0], a[1], a[2].Kind == JsonKind.True);
            }
            case "States.MathRandom":
            {
                var start = RequireInt(name, a[0]);
                var end = RequireInt(name, a[1]);
                if (end <= start) throw Fail(name, "the end must be greater than the start");
                var random = a.Length == 3 ? new Random((int)RequireInt(name, a[2])) : ctx.Random;
                return JsonValue.Number(random.NextInt64(start, end));
            }
            case "States.MathAdd":
            {
                if (!a[0].IsNumber || !a[1].IsNumber) throw Fail(name, "both arguments must be numbers");
                if (a[0].TryGetInt64(out var x) && a[1].TryGetInt64(out var y)) return JsonValue.Number(x + y);
                var dx = decimal.Parse(a[0].Text!, NumberStyles.Float, CultureInfo.InvariantCulture);
                var dy = decimal.Parse(a[1].Text!, NumberStyles.Float, CultureInfo.InvariantCulture);
                return JsonValue.Number((dx + dy).ToString(CultureInfo.InvariantCulture));
            }
            case "States.StringSplit":
            {
                var s = RequireString(name, a[0]);
                var separators = RequireString(name, a[1]);
                var parts = separators.Length == 0 ? new[] { s } : s.Split(separators.ToCharArray(), StringSplitOptions.RemoveEmptyEntries);
                return JsonValue.Array(parts.Select(p => JsonValue.String(p)).ToArray());
            }
            case "States.UUID":
                return JsonValue.String(NewUuid(ctx.Random));
        }
        throw Fail(name, "unknown intrinsic function");
    }

    private static JsonValue Format(Call call, JsonValue input, EvalContext ctx, string field)
    {
        const string name = "States.Format";
        List<object> parts;
        if (call.Args[0] is Literal { FormatParts: not null } lit) parts = lit.FormatParts;
        else
        {
            var template = RequireString(name, Value(call.Args[0], input, ctx, field));
            parts = new List<object>();
            var pieces = template.Split("{}");
            for (var k = 0; k < pieces.Length; k++)
            {
                if (k > 0) parts.Add(Placeholder.Instance);
                if (pieces[k].Length > 0) parts.Add(pieces[k]);
            }
        }
        var placeholders = parts.Count(p => p is Placeholder);
        if (placeholders != call.Args.Count - 1)
            throw Fail(name, $"the template has {placeholders} placeholder(s) but {call.Args.Count - 1} argument(s) follow it");
        var sb = new StringBuilder();
        var next = 1;
        foreach (var p in parts)
        {
            if (p is string s) { sb.Append(s); continue; }
            var v = Value(call.Args[next++], input, ctx, field);
            sb.Append(v.IsString ? v.Text : JsonCompare.Compact(v));
        }
        return JsonValue.String(sb.ToString());
    }

    private static JsonValue Merge(JsonValue a, JsonValue b, bool deep)
    {
        var result = a;
        foreach (var p in b.Properties)
        {
            var existing = result[p.Name];
            var value = deep && existing is { IsObject: true } && p.Value.IsObject ? Merge(existing, p.Value, true) : p.Value;
            result = JsonCompare.With(result, p.Name, value);
        }
        return result;
    }

    /// <summary>A version-4 UUID from the run's seeded random source, so that runs are reproducible.</summary>
    internal static string NewUuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = JsonCompare.Hex(bytes);
        return $"{hex.Substring(0, 8)}-{hex.Substring(8, 4)}-{hex.Substring(12, 4)}-{hex.Substring(16, 4)}-{hex.Substring(20, 12)}";
    }

    private static string RequireString(string name, JsonValue v) => v.IsString ? v.Text! : throw Fail(name, $"expected a string, got {JsonCompare.Excerpt(v, 60)}");

    private static JsonValue RequireArray(string name, JsonValue v) => v.IsArray ? v : throw Fail(name, $"expected an array, got {JsonCompare.Excerpt(v, 60)}");

    private static long RequireInt(string name, JsonValue v) => v.TryGetInt64(out var i) ? i : throw Fail(name, $"expected an integer, got {JsonCompare.Excerpt(v, 60)}");
}
