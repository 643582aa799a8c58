using System;
using System.Collections.Generic;
using Flowstate.Core.Model;

namespace Flowstate.Core.Json;

public enum JsonKind
{
    Null,
    False,
    True,
    Number,
    String,
    Array,
    Object,
}

/// <summary>
/// An immutable JSON value that keeps what ASL fidelity needs: object member order, duplicate
/// keys, and number lexemes exactly as written ("2.0" stays "2.0"). Equality is structural and
/// ignores <see cref="Offset"/> and <see cref="Length"/>, which only serve diagnostics.
/// </summary>
public sealed class JsonValue : IEquatable<JsonValue>
{
    public static readonly JsonValue Null = new(JsonKind.Null, null, default, default, -1, 0);
    public static readonly JsonValue True = new(JsonKind.True, null, default, default, -1, 0);
    public static readonly JsonValue False = new(JsonKind.False, null, default, default, -1, 0);

    private JsonValue(JsonKind kind, string? text, EquatableArray<JsonValue> items, EquatableArray<JsonProperty> properties, int offset, int length)
    {
        Kind = kind;
        Text = text;
        Items = items;
        Properties = properties;
        Offset = offset;
        Length = offset < 0 ? 0 : length;
    }

    public JsonKind Kind { get; }

    /// <summary>The string's value, or the number's lexeme as written; null for other kinds.</summary>
    public string? Text { get; }

    /// <summary>The elements of an array.</summary>
    public EquatableArray<JsonValue> Items { get; }

    /// <summary>The members of an object, in order, duplicates kept.</summary>
    public EquatableArray<JsonProperty> Properties { get; }

    /// <summary>Character offset of the value in the text it was read from; -1 when built in code.</summary>
    public int Offset { get; }

    /// <summary>Number of characters the value spans in the text it was read from (whole literal, brackets included); 0 when built in code.</summary>
    public int Length { get; }

    public bool IsString => Kind == JsonKind.String;
    public bool IsNumber => Kind == JsonKind.Number;
    public bool IsObject => Kind == JsonKind.Object;
    public bool IsArray => Kind == JsonKind.Array;
    public bool IsNull => Kind == JsonKind.Null;
    public bool IsBoolean => Kind is JsonKind.True or JsonKind.False;

    public static JsonValue String(string value, int offset = -1, int length = 0) => new(JsonKind.String, value ?? throw new ArgumentNullException(nameof(value)), default, default, offset, length);

    /// <summary>A number from its JSON lexeme (the caller guarantees it is a valid JSON number).</summary>
    public static JsonValue Number(string lexeme, int offset = -1) => new(JsonKind.Number, lexeme ?? throw new ArgumentNullException(nameof(lexeme)), default, default, offset, lexeme.Length);

    public static JsonValue Number(long value) => Number(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A number from a double, in the shortest form that round-trips ("2", "2.5", "1E-07").</summary>
    public static JsonValue Number(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) throw new ArgumentOutOfRangeException(nameof(value), "JSON has no NaN or infinity.");
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15) return Number(((long)value).ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Not "R": on .NET Framework (Visual Studio's analyzer host) "R" is not always the shortest
        // form and can differ from .NET's, which would make generated ASL depend on the host. The
        // first of G15, G16, G17 that parses back to the same double is the same on every runtime.
        for (var precision = 15; ; precision++)
        {
            var text = value.ToString(precision == 15 ? "G15" : precision == 16 ? "G16" : "G17", System.Globalization.CultureInfo.InvariantCulture);
            if (precision == 17 || double.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture) == value)
                return Number(text);
        }
    }

    public static JsonValue Boolean(bool value) => value ? True : False;

    public static JsonValue Array(IEnumerable<JsonValue> items, int offset = -1, int length = 0) => new(JsonKind.Array, null, items.ToEquatableArray(), default, offset, length);

    public static JsonValue Object(IEnumerable<JsonProperty> properties, int offset = -1, int length = 0) => new(JsonKind.Object, null, default, properties.ToEquatableArray(), offset, length);

    public static JsonValue Literal(JsonKind kind, int offset) => kind switch
    {
        JsonKind.Null => new(JsonKind.Null, null, default, default, offset, 4),
        JsonKind.True => new(JsonKind.True, null, default, default, offset, 4),
        JsonKind.False => new(JsonKind.False, null, default, default, offset, 5),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The first member named <paramref name="name"/>, or null.</summary>
    public JsonValue? this[string name]
    {
        get
        {
            foreach (var p in Properties)
                if (string.Equals(p.Name, name, StringComparison.Ordinal)) return p.Value;
            return null;
        }
    }

    /// <summary>Numeric value of a number (NaN if it does not parse, which a valid lexeme always does).</summary>
    public double AsDouble() => Kind == JsonKind.Number && double.TryParse(Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : double.NaN;

    /// <summary>True for a number whose value is an integer that fits in <see cref="long"/> ("3", "3.0", "3e2"; not "3.5").</summary>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        if (Kind != JsonKind.Number) return false;
        // Through decimal, not double: a double cannot hold every long ("9007199254740993"), and
        // casting a double at or beyond 2^63 to long is undefined.
        if (Text!.IndexOfAny(NonIntegerChars) < 0)
            return long.TryParse(Text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out value);
        if (!decimal.TryParse(Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var m)) return false;
        if (m != decimal.Truncate(m) || m < long.MinValue || m > long.MaxValue) return false;
        value = (long)m;
        return true;
    }

    private static readonly char[] NonIntegerChars = { '.', 'e', 'E' };

    public bool Equals(JsonValue? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other.Kind != Kind) return false;
        return Kind switch
        {
            JsonKind.String or JsonKind.Number => string.Equals(Text, other.Text, StringComparison.Ordinal),
            JsonKind.Array => Items.Equals(other.Items),
            JsonKind.Object => Properties.Equals(other.Properties),
            _ => true,
        };
    }

    public override bool Equals(object? obj) => Equals(obj as JsonValue);

    public override int GetHashCode() => Kind switch
    {
        JsonKind.String or JsonKind.Number => ((int)Kind * 397) ^ StringComparer.Ordinal.GetHashCode(Text!),
        JsonKind.Array => Items.GetHashCode(),
        JsonKind.Object => Properties.GetHashCode(),
        _ => (int)Kind,
    };

    public override string ToString() => JsonWriter.Write(this, indented: false);
}

/// <summary>An object member. Equality ignores <see cref="NameOffset"/> and <see cref="NameLength"/>.</summary>
public readonly struct JsonProperty : IEquatable<JsonProperty>
{
    public JsonProperty(string name, JsonValue value, int nameOffset = -1, int nameLength = 0)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Value = value ?? throw new ArgumentNullException(nameof(value));
        NameOffset = nameOffset;
        NameLength = nameOffset < 0 ? 0 : nameLength;
    }

    public string Name { get; }
    public JsonValue Value { get; }

    /// <summary>Offset of the opening quote of the name in the source text; -1 when built in code.</summary>
    public int NameOffset { get; }

    /// <summary>Number of characters the name spans in the source text, quotes and escapes included; 0 when built in code.</summary>
    public int NameLength { get; }

    public bool Equals(JsonProperty other) => string.Equals(Name, other.Name, StringComparison.Ordinal) && Equals(Value, other.Value);
    public override bool Equals(object? obj) => obj is JsonProperty p && Equals(p);
    public override int GetHashCode() => (StringComparer.Ordinal.GetHashCode(Name ?? "") * 397) ^ (Value?.GetHashCode() ?? 0);
    public override string ToString() => $"\"{Name}\": {Value}";
}
