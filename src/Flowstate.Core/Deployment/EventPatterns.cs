using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Flowstate.Core.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;

namespace Flowstate.Core.Deployment;

/// <summary>
/// EventBridge event patterns: a checker with the exact location of each problem, and a matcher (does
/// an event match a pattern) used by the tests and the local tools. The rules follow EventBridge's
/// content-filtering documentation (docs.aws.amazon.com/eventbridge/latest/userguide/
/// eb-create-pattern-operators.html) and aws/event-ruler, the open-source matcher EventBridge uses:
/// a pattern is an object; each field holds an object (a nested pattern) or an array of values (the
/// leaf: exact values, OR-ed); an object inside the array is one content filter; "$or" holds an array
/// of at least two patterns. Problems carry the offsets of the JSON value or member name they concern
/// (positions in the text the pattern was read from) and say where in the pattern they are.
/// </summary>
public static class EventPatterns
{
    /// <summary>EventBridge's numeric range for numeric matching (documented: -5.0e9 to +5.0e9 inclusive).</summary>
    public const double NumericLimit = 5.0e9;

    private static readonly string[] FilterNames = { "prefix", "suffix", "anything-but", "numeric", "exists", "cidr", "wildcard", "equals-ignore-case" };

    /// <summary>Every problem of the pattern, in document order; empty when EventBridge would accept it.</summary>
    public static EquatableArray<TextProblem> Check(JsonValue? pattern)
    {
        var problems = new List<TextProblem>();
        if (pattern is null || !pattern.IsObject)
        {
            Structure(problems, pattern, "", "An event pattern must be a JSON object such as { \"source\": [\"aws.s3\"] }" + (pattern is null ? "" : ", not " + Kind(pattern)));
            return problems.ToEquatableArray();
        }
        if (pattern.Properties.IsEmpty)
            Structure(problems, pattern, "", "The event pattern is empty; give at least one field, such as { \"source\": [\"aws.s3\"] }");
        CheckObject(pattern, "", problems);
        return problems.ToEquatableArray();
    }

    private static void CheckObject(JsonValue obj, string path, List<TextProblem> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in obj.Properties)
        {
            var here = Path(path, member.Name);
            if (!seen.Add(member.Name))
                StructureAtKey(problems, member, here, $"'{member.Name}' appears twice in the same object; EventBridge keeps one of them, so merge their values into one array");
            if (member.Name == "$or")
            {
                CheckOr(member.Value, here, problems);
                continue;
            }
            var v = member.Value;
            if (v.IsObject)
            {
                if (v.Properties.IsEmpty) Structure(problems, v, here, $"{Where(here)}an empty object matches nothing; give the fields to match or remove '{member.Name}'");
                CheckObject(v, here, problems);
            }
            else if (v.IsArray)
            {
                CheckLeaf(v, here, problems);
            }
            else
            {
                Structure(problems, v, here, $"{Where(here)}values must be in an array: write [{v}] instead of {v}");
            }
        }
    }

    private static void CheckOr(JsonValue v, string path, List<TextProblem> problems)
    {
        if (!v.IsArray || v.Items.Count < 2)
        {
            Structure(problems, v, path, $"{Where(path)}\"$or\" takes an array of at least two patterns (objects), such as [{{ \"a\": [1] }}, {{ \"b\": [2] }}]");
            if (!v.IsArray) return;
        }
        for (var i = 0; i < v.Items.Count; i++)
        {
            var item = v.Items[i];
            var here = path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (!item.IsObject || item.Properties.IsEmpty)
                Structure(problems, item, here, $"{Where(here)}each alternative of \"$or\" must be a non-empty pattern object, not {Kind(item)}");
            else
                CheckObject(item, here, problems);
        }
    }

    private static void CheckLeaf(JsonValue array, string path, List<TextProblem> problems)
    {
        if (array.Items.IsEmpty)
        {
            Structure(problems, array, path, $"{Where(path)}an empty array matches nothing; list the values to match");
            return;
        }
        for (var i = 0; i < array.Items.Count; i++)
        {
            var item = array.Items[i];
            var here = path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (item.IsArray)
                Structure(problems, item, here, $"{Where(here)}arrays cannot be nested in a pattern; put the values in the field's array directly");
            else if (item.IsObject)
                CheckFilter(item, here, problems);
        }
    }

    private static void CheckFilter(JsonValue filter, string path, List<TextProblem> problems)
    {
        if (filter.Properties.Count != 1)
        {
            Filter(problems, filter, path, filter.Properties.IsEmpty
                ? $"{Where(path)}an empty object is not a content filter; write one of {FilterList()}"
                : $"{Where(path)}a content filter has exactly one key (one of {FilterList()}); put each filter in its own object in the array");
            if (filter.Properties.IsEmpty) return;
        }
        var member = filter.Properties[0];
        var v = member.Value;
        var here = path + "." + member.Name;
        switch (member.Name)
        {
            case "prefix":
            case "suffix":
                if (v.IsObject && v.Properties.Count == 1 && v.Properties[0].Name == "equals-ignore-case")
                    RequireString(problems, v.Properties[0].Value, here + ".equals-ignore-case", "equals-ignore-case", allowEmpty: false);
                else if (!v.IsString)
                    Filter(problems, v, here, $"{Where(here)}\"{member.Name}\" takes a string, or {{ \"equals-ignore-case\": \"...\" }}, not {Kind(v)}");
                break;
            case "equals-ignore-case":
                RequireString(problems, v, here, "equals-ignore-case", allowEmpty: true);
                break;
            case "wildcard":
                if (RequireString(problems, v, here, "wildcard", allowEmpty: true)) CheckWildcard(problems, v, here);
                break;
            case "exists":
                if (!v.IsBoolean) Filter(problems, v, here, $"{Where(here)}\"exists\" takes true or false, not {Kind(v)}");
                break;
            case "cidr":
                if (RequireString(problems, v, here, "cidr", allowEmpty: false) && !TryParseCidr(v.Text!, out _, out _))
                    Filter(problems, v, here, $"{Where(here)}'{v.Text}' is not a CIDR block; write an IPv4 or IPv6 address and a prefix length, such as 10.0.0.0/24 or 2001:db8::/32");
                break;
            case "numeric":
                CheckNumeric(problems, v, here);
                break;
            case "anything-but":
                CheckAnythingBut(problems, v, here);
                break;
            default:
                var suggestion = Closest(member.Name);
                problems.Add(new TextProblem(DiagnosticIds.EventPatternFilter, At(member).Offset, At(member).Length,
                    $"{Where(path)}'{member.Name}' is not a content filter; the filters are {FilterList()}" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)"),
                    suggestion is null ? null : JsonWriter.Quote(suggestion)));
                break;
        }
    }

    private static void CheckAnythingBut(List<TextProblem> problems, JsonValue v, string path)
    {
        if (v.IsString || v.IsNumber) return;
        if (v.IsArray)
        {
            if (v.Items.IsEmpty)
            {
                Filter(problems, v, path, $"{Where(path)}\"anything-but\" needs at least one value");
                return;
            }
            var strings = 0;
            var numbers = 0;
            foreach (var item in v.Items)
            {
                if (item.IsString) strings++;
                else if (item.IsNumber) numbers++;
                else Filter(problems, item, path, $"{Where(path)}\"anything-but\" lists strings or numbers, not {Kind(item)}");
            }
            if (strings > 0 && numbers > 0)
                Filter(problems, v, path, $"{Where(path)}\"anything-but\" takes a list of only strings or only numbers, not both");
            return;
        }
        if (v.IsObject && v.Properties.Count == 1)
        {
            var inner = v.Properties[0];
            var here = path + "." + inner.Name;
            switch (inner.Name)
            {
                case "prefix":
                case "suffix":
                    RequireString(problems, inner.Value, here, inner.Name, allowEmpty: false);
                    return;
                case "equals-ignore-case":
                case "wildcard":
                    if (inner.Value.IsArray && !inner.Value.Items.IsEmpty)
                    {
                        foreach (var item in inner.Value.Items)
                            if (RequireString(problems, item, here, inner.Name, allowEmpty: true) && inner.Name == "wildcard") CheckWildcard(problems, item, here);
                    }
                    else if (RequireString(problems, inner.Value, here, inner.Name, allowEmpty: true) && inner.Name == "wildcard")
                    {
                        CheckWildcard(problems, inner.Value, here);
                    }
                    return;
            }
            problems.Add(new TextProblem(DiagnosticIds.EventPatternFilter, At(inner).Offset, At(inner).Length,
                $"{Where(path)}\"anything-but\" takes a value, a list, or one of {{ \"prefix\" }}, {{ \"suffix\" }}, {{ \"equals-ignore-case\" }}, {{ \"wildcard\" }}; '{inner.Name}' is not one of them"));
            return;
        }
        Filter(problems, v, path, $"{Where(path)}\"anything-but\" takes a string, a number, a list of strings or of numbers, or an object with one of prefix, suffix, equals-ignore-case, wildcard; not {Kind(v)}");
    }

    private static void CheckNumeric(List<TextProblem> problems, JsonValue v, string path)
    {
        const string shape = "\"numeric\" takes [\"op\", number] or a range [\">\" or \">=\", low, \"<\" or \"<=\", high], with op one of = < <= > >=";
        if (!v.IsArray || (v.Items.Count != 2 && v.Items.Count != 4))
        {
            Filter(problems, v, path, $"{Where(path)}{shape}");
            return;
        }
        var ops = new List<(string Op, double Value)>();
        for (var i = 0; i + 1 < v.Items.Count; i += 2)
        {
            var op = v.Items[i];
            var number = v.Items[i + 1];
            if (!op.IsString || op.Text is not ("=" or "<" or "<=" or ">" or ">="))
            {
                Filter(problems, op, path, $"{Where(path)}{Describe(op)} is not a numeric operator; {shape}");
                return;
            }
            if (!number.IsNumber)
            {
                Filter(problems, number, path, $"{Where(path)}the operand of \"{op.Text}\" must be a number, not {Kind(number)}");
                return;
            }
            var d = number.AsDouble();
            if (Math.Abs(d) > NumericLimit)
            {
                Filter(problems, number, path, $"{Where(path)}{number.Text} is outside the range EventBridge compares numbers in, -5.0e9 to 5.0e9");
                return;
            }
            ops.Add((op.Text!, d));
        }
        if (ops.Count == 2)
        {
            var (lowOp, low) = ops[0];
            var (highOp, high) = ops[1];
            if (lowOp is not (">" or ">=") || highOp is not ("<" or "<="))
                Filter(problems, v, path, $"{Where(path)}a numeric range is a lower bound (> or >=) followed by an upper bound (< or <=), such as [\">\", 0, \"<=\", 5]");
            else if (low >= high && !(low == high && lowOp == ">=" && highOp == "<="))
                Filter(problems, v, path, $"{Where(path)}the range {lowOp} {v.Items[1].Text} and {highOp} {v.Items[3].Text} is empty; the lower bound must be below the upper bound");
        }
    }

    private static void CheckWildcard(List<TextProblem> problems, JsonValue v, string path)
    {
        var s = v.Text!;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\')
            {
                if (i + 1 < s.Length && (s[i + 1] == '*' || s[i + 1] == '\\')) { i++; continue; }
                Filter(problems, v, path, $"{Where(path)}in a wildcard a backslash may only escape '*' (\\*) or itself (\\\\); '{Truncate(s)}' has another escape");
                return;
            }
            if (s[i] == '*' && i + 1 < s.Length && s[i + 1] == '*')
            {
                Filter(problems, v, path, $"{Where(path)}a wildcard cannot have two '*' in a row ('{Truncate(s)}'); one '*' already matches any number of characters");
                return;
            }
        }
    }

    private static bool RequireString(List<TextProblem> problems, JsonValue v, string path, string filter, bool allowEmpty)
    {
        if (!v.IsString)
        {
            Filter(problems, v, path, $"{Where(path)}\"{filter}\" takes a string, not {Kind(v)}");
            return false;
        }
        if (!allowEmpty && v.Text!.Length == 0)
        {
            Filter(problems, v, path, $"{Where(path)}\"{filter}\" needs a non-empty string");
            return false;
        }
        return true;
    }

    private static string? Closest(string name)
    {
        var lower = name.ToLowerInvariant().Replace('_', '-');
        foreach (var f in FilterNames)
            if (f == lower || f.Replace("-", "") == lower.Replace("-", "")) return f;
        if (lower is "anythingbut" or "not") return "anything-but";
        if (lower is "startswith" or "begins-with") return "prefix";
        if (lower is "endswith" or "ends-with") return "suffix";
        string? best = null;
        var bestDistance = 3;
        foreach (var f in FilterNames)
        {
            var d = TimeZones.Distance(lower, f, 2);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = f;
            }
        }
        return best;
    }

    private static string FilterList() => "prefix, suffix, anything-but, numeric, exists, cidr, wildcard, equals-ignore-case";

    private static string Path(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

    private static string Where(string path) => path.Length == 0 ? "" : "At " + path + ": ";

    private static string Kind(JsonValue v) => v.Kind switch
    {
        JsonKind.Null => "null",
        JsonKind.True or JsonKind.False => "a boolean",
        JsonKind.Number => "a number",
        JsonKind.String => "a string",
        JsonKind.Array => "an array",
        _ => "an object",
    };

    private static string Describe(JsonValue v) => v.IsString ? JsonWriter.Quote(Truncate(v.Text!)) : Kind(v);

    private static string Truncate(string s) => s.Length > 60 ? s.Substring(0, 57) + "..." : s;

    private static (int Offset, int Length) At(JsonValue? v) => v is null || v.Offset < 0 ? (0, 0) : (v.Offset, v.Length);

    private static (int Offset, int Length) At(JsonProperty p) => p.NameOffset < 0 ? (0, 0) : (p.NameOffset, p.NameLength);

    private static void Structure(List<TextProblem> problems, JsonValue? v, string path, string message)
        => problems.Add(new TextProblem(DiagnosticIds.EventPatternStructure, At(v).Offset, At(v).Length, message));

    private static void StructureAtKey(List<TextProblem> problems, JsonProperty p, string path, string message)
        => problems.Add(new TextProblem(DiagnosticIds.EventPatternStructure, At(p).Offset, At(p).Length, Where(path) + message));

    private static void Filter(List<TextProblem> problems, JsonValue v, string path, string message)
        => problems.Add(new TextProblem(DiagnosticIds.EventPatternFilter, At(v).Offset, At(v).Length, message));

    // ---- the S3 trigger's pattern ----------------------------------------------------------------

    /// <summary>
    /// The pattern of an S3 "Object Created" trigger (the bucket must send its events to EventBridge):
    /// source aws.s3, detail-type Object Created, the bucket name, and the key filter: a prefix, a suffix,
    /// or both as one wildcard (values in an array are OR-ed, so two array entries would mean "either").
    /// Wildcard special characters in the prefix and suffix are escaped.
    /// </summary>
    public static JsonValue S3ObjectCreated(string bucketName, string? prefix, string? suffix)
    {
        var members = new List<JsonProperty>
        {
            new("source", JsonValue.Array(new[] { JsonValue.String("aws.s3") })),
            new("detail-type", JsonValue.Array(new[] { JsonValue.String("Object Created") })),
        };
        var detail = new List<JsonProperty>
        {
            new("bucket", JsonValue.Object(new[] { new JsonProperty("name", JsonValue.Array(new[] { JsonValue.String(bucketName) })) })),
        };
        JsonValue? keyFilter = null;
        var hasPrefix = !string.IsNullOrEmpty(prefix);
        var hasSuffix = !string.IsNullOrEmpty(suffix);
        if (hasPrefix && hasSuffix)
            keyFilter = JsonValue.Object(new[] { new JsonProperty("wildcard", JsonValue.String(EscapeWildcard(prefix!) + "*" + EscapeWildcard(suffix!))) });
        else if (hasPrefix)
            keyFilter = JsonValue.Object(new[] { new JsonProperty("prefix", JsonValue.String(prefix!)) });
        else if (hasSuffix)
            keyFilter = JsonValue.Object(new[] { new JsonProperty("suffix", JsonValue.String(suffix!)) });
        if (keyFilter is not null)
            detail.Add(new JsonProperty("object", JsonValue.Object(new[] { new JsonProperty("key", JsonValue.Array(new[] { keyFilter })) })));
        members.Add(new JsonProperty("detail", JsonValue.Object(detail)));
        return JsonValue.Object(members);
    }

    private static string EscapeWildcard(string s) => s.Replace("\\", "\\\\").Replace("*", "\\*");

    // ---- matching ----------------------------------------------------------------------------------

    /// <summary>
    /// Whether <paramref name="event"/> matches <paramref name="pattern"/> (which should pass <see cref="Check"/>;
    /// an invalid pattern matches nothing). Fields are AND-ed, values in a leaf array OR-ed; an event array
    /// matches when any element does; a field missing from the event matches only {"exists": false}.
    /// </summary>
    public static bool Matches(JsonValue pattern, JsonValue @event)
        => pattern.IsObject && !pattern.Properties.IsEmpty && Check(pattern).IsEmpty && MatchObject(pattern, @event);

    private static bool MatchObject(JsonValue pattern, JsonValue? ev)
    {
        foreach (var member in pattern.Properties)
        {
            if (member.Name == "$or")
            {
                var any = false;
                foreach (var alternative in member.Value.Items)
                    if (MatchObject(alternative, ev)) { any = true; break; }
                if (!any) return false;
                continue;
            }
            var value = ev is { IsObject: true } ? ev[member.Name] : null;
            if (member.Value.IsObject)
            {
                if (value is { IsArray: true })
                {
                    var any = false;
                    foreach (var item in value.Items)
                        if (item.IsObject && MatchObject(member.Value, item)) { any = true; break; }
                    if (!any) return false;
                }
                else if (!MatchObject(member.Value, value is { IsObject: true } ? value : null))
                {
                    return false;
                }
                continue;
            }
            if (!MatchLeaf(member.Value, value)) return false;
        }
        return true;
    }

    private static bool MatchLeaf(JsonValue alternatives, JsonValue? value)
    {
        foreach (var alternative in alternatives.Items)
        {
            if (alternative.IsObject && alternative.Properties[0].Name == "exists")
            {
                var present = value is not null && !value.IsObject && !(value.IsArray && value.Items.IsEmpty);
                if (present == (alternative.Properties[0].Value.Kind == JsonKind.True)) return true;
                continue;
            }
            if (value is null) continue;
            if (value.IsArray)
            {
                foreach (var item in value.Items)
                    if (MatchValue(alternative, item)) return true;
            }
            else if (MatchValue(alternative, value))
            {
                return true;
            }
        }
        return false;
    }

    private static bool MatchValue(JsonValue alternative, JsonValue value)
    {
        if (!alternative.IsObject) return SameScalar(alternative, value);
        var filter = alternative.Properties[0];
        var f = filter.Value;
        var text = value.IsString ? value.Text! : null;
        switch (filter.Name)
        {
            case "prefix":
                return text is not null && (f.IsString ? text.StartsWith(f.Text!, StringComparison.Ordinal) : text.StartsWith(f.Properties[0].Value.Text!, StringComparison.OrdinalIgnoreCase));
            case "suffix":
                return text is not null && (f.IsString ? text.EndsWith(f.Text!, StringComparison.Ordinal) : text.EndsWith(f.Properties[0].Value.Text!, StringComparison.OrdinalIgnoreCase));
            case "equals-ignore-case":
                return text is not null && string.Equals(text, f.Text, StringComparison.OrdinalIgnoreCase);
            case "wildcard":
                return text is not null && Wildcard(f.Text!, text);
            case "cidr":
                return text is not null && InCidr(f.Text!, text);
            case "numeric":
                if (!value.IsNumber) return false;
                var d = value.AsDouble();
                for (var i = 0; i + 1 < f.Items.Count; i += 2)
                {
                    var operand = f.Items[i + 1].AsDouble();
                    var ok = f.Items[i].Text switch
                    {
                        "=" => d == operand,
                        "<" => d < operand,
                        "<=" => d <= operand,
                        ">" => d > operand,
                        _ => d >= operand,
                    };
                    if (!ok) return false;
                }
                return true;
            case "anything-but":
                if (f.IsString || f.IsNumber) return !SameScalar(f, value) && (value.IsString || value.IsNumber);
                if (f.IsArray)
                {
                    if (!value.IsString && !value.IsNumber) return false;
                    foreach (var item in f.Items)
                        if (SameScalar(item, value)) return false;
                    return true;
                }
                if (text is null) return false;
                var inner = f.Properties[0];
                var values = inner.Value.IsArray ? (IEnumerable<JsonValue>)inner.Value.Items : new[] { inner.Value };
                foreach (var x in values)
                {
                    var hit = inner.Name switch
                    {
                        "prefix" => text.StartsWith(x.Text!, StringComparison.Ordinal),
                        "suffix" => text.EndsWith(x.Text!, StringComparison.Ordinal),
                        "equals-ignore-case" => string.Equals(text, x.Text, StringComparison.OrdinalIgnoreCase),
                        _ => Wildcard(x.Text!, text),
                    };
                    if (hit) return false;
                }
                return true;
            default:
                return false;
        }
    }

    private static bool SameScalar(JsonValue a, JsonValue b)
    {
        if (a.IsNumber && b.IsNumber) return a.AsDouble() == b.AsDouble();
        return a.Kind == b.Kind && (a.Kind is not (JsonKind.String) || string.Equals(a.Text, b.Text, StringComparison.Ordinal));
    }

    /// <summary>Wildcard match: '*' is any run of characters, "\*" a literal '*', "\\" a backslash.</summary>
    private static bool Wildcard(string pattern, string text)
    {
        // Tokens: literal characters and stars; greedy matching with backtracking to the last star.
        var tokens = new List<(bool Star, char C)>();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\' && i + 1 < pattern.Length) tokens.Add((false, pattern[++i]));
            else tokens.Add((pattern[i] == '*', pattern[i]));
        }
        int t = 0, p = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < tokens.Count && !tokens[p].Star && tokens[p].C == text[t]) { p++; t++; }
            else if (p < tokens.Count && tokens[p].Star) { starP = p++; starT = t; }
            else if (starP >= 0) { p = starP + 1; t = ++starT; }
            else return false;
        }
        while (p < tokens.Count && tokens[p].Star) p++;
        return p == tokens.Count;
    }

    private static bool TryParseCidr(string text, out byte[] network, out int prefix)
    {
        network = Array.Empty<byte>();
        prefix = 0;
        var slash = text.IndexOf('/');
        if (slash <= 0 || slash == text.Length - 1) return false;
        var addressText = text.Substring(0, slash);
        if (!IPAddress.TryParse(addressText, out var address)) return false;
        // IPAddress.TryParse accepts "10" or "1.2.3" as IPv4 shorthands: a CIDR block spells all four parts.
        if (address.AddressFamily == AddressFamily.InterNetwork && addressText.Split('.').Length != 4) return false;
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var lengthText = text.Substring(slash + 1);
        foreach (var c in lengthText)
            if (c < '0' || c > '9') return false;
        if (lengthText.Length > 3 || !int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > max) return false;
        network = address.GetAddressBytes();
        return true;
    }

    private static bool InCidr(string cidr, string text)
    {
        if (!TryParseCidr(cidr, out var network, out var prefix) || !IPAddress.TryParse(text, out var address)) return false;
        var bytes = address.GetAddressBytes();
        if (bytes.Length != network.Length) return false;
        for (var bit = 0; bit < prefix; bit++)
        {
            var mask = (byte)(0x80 >> (bit % 8));
            if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) return false;
        }
        return true;
    }
}
