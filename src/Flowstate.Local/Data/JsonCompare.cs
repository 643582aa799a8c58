using System.Text;

namespace Flowstate.Local;

/// <summary>JSON helpers the runner needs and the core DOM does not have: value equality, size, compact text.</summary>
internal static class JsonCompare
{
    /// <summary>Equality as Step Functions compares data: numbers by value (1 == 1.0), objects by members regardless of order.</summary>
    public static bool EqualsLoose(JsonValue a, JsonValue b)
    {
        if (a.IsNumber && b.IsNumber)
        {
            if (a.Text == b.Text) return true;
            if (decimal.TryParse(a.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x)
                && decimal.TryParse(b.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var y))
                return x == y;
            return a.AsDouble() == b.AsDouble();
        }
        if (a.Kind != b.Kind) return false;
        switch (a.Kind)
        {
            case JsonKind.String: return string.Equals(a.Text, b.Text, StringComparison.Ordinal);
            case JsonKind.Array:
                if (a.Items.Count != b.Items.Count) return false;
                for (var i = 0; i < a.Items.Count; i++) if (!EqualsLoose(a.Items[i], b.Items[i])) return false;
                return true;
            case JsonKind.Object:
                if (a.Properties.Count != b.Properties.Count) return false;
                foreach (var p in a.Properties)
                {
                    var other = b[p.Name];
                    if (other is null || !EqualsLoose(p.Value, other)) return false;
                }
                return true;
            default: return true;
        }
    }

    /// <summary>Compact JSON text, as Step Functions writes data (no spaces).</summary>
    public static string Compact(JsonValue value) => JsonWriter.Write(value, indented: false);

    /// <summary>
    /// The size in UTF-8 bytes of the value's compact JSON text, computed without writing it, for
    /// the 256 KiB payload limit. Stops counting past <paramref name="limit"/>.
    /// </summary>
    public static long Utf8Size(JsonValue value, long limit = long.MaxValue)
    {
        long size = 0;
        Add(value, ref size, limit);
        return size;
    }

    private static void Add(JsonValue v, ref long size, long limit)
    {
        if (size > limit) return;
        switch (v.Kind)
        {
            case JsonKind.Null: case JsonKind.True: size += 4; break;
            case JsonKind.False: size += 5; break;
            case JsonKind.Number: size += v.Text!.Length; break;
            case JsonKind.String: size += StringSize(v.Text!); break;
            case JsonKind.Array:
                size += 2 + Math.Max(0, v.Items.Count - 1);
                foreach (var i in v.Items) Add(i, ref size, limit);
                break;
            case JsonKind.Object:
                size += 2 + Math.Max(0, v.Properties.Count - 1);
                foreach (var p in v.Properties) { size += StringSize(p.Name) + 1; Add(p.Value, ref size, limit); }
                break;
        }
    }

    private static long StringSize(string s)
    {
        long n = 2;
        foreach (var c in s)
        {
            if (c < 0x20) n += c is '\n' or '\r' or '\t' or '\b' or '\f' ? 2 : 6;
            else if (c == '"' || c == '\\') n += 2;
            else if (c < 0x80) n += 1;
            else if (c < 0x800) n += 2;
            else if (char.IsSurrogate(c)) n += 2; // a pair is 4 bytes
            else n += 3;
        }
        return n;
    }

    /// <summary>Parses JSON text; throws <see cref="FormatException"/> with the reader's message.</summary>
    public static JsonValue Parse(string text)
    {
        var parsed = JsonReader.Parse(text);
        if (!parsed.Success) throw new FormatException($"{parsed.Error} (at offset {parsed.ErrorOffset})");
        return parsed.Value!;
    }

    public static JsonValue Obj(params (string Name, JsonValue Value)[] members) => JsonValue.Object(members.Select(m => new JsonProperty(m.Name, m.Value)));

    public static JsonValue Str(string s) => JsonValue.String(s);

    /// <summary>A copy of <paramref name="obj"/> with <paramref name="name"/> set (replaced in place, or appended).</summary>
    public static JsonValue With(JsonValue obj, string name, JsonValue value)
    {
        var props = new List<JsonProperty>(obj.Properties.Count + 1);
        var replaced = false;
        foreach (var p in obj.Properties)
        {
            if (!replaced && string.Equals(p.Name, name, StringComparison.Ordinal)) { props.Add(new JsonProperty(name, value)); replaced = true; }
            else props.Add(p);
        }
        if (!replaced) props.Add(new JsonProperty(name, value));
        return JsonValue.Object(props);
    }

    /// <summary>A short excerpt of a value for error messages.</summary>
    public static string Excerpt(JsonValue value, int max = 200)
    {
        var text = Compact(value);
        return text.Length <= max ? text : text.Substring(0, max) + "...";
    }

    internal static string Hex(byte[] bytes)
    {
        var sb = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes) sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
