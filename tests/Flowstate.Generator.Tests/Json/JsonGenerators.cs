using FsCheck;
using FsCheck.Fluent;
using Flowstate.Core.Json;
using JsonProperty = Flowstate.Core.Json.JsonProperty;

namespace Flowstate.Generator.Tests.Json;

/// <summary>FsCheck generators of JSON DOMs: every kind, odd strings, all number shapes, duplicate keys, nesting.</summary>
internal static class JsonGenerators
{
    public static Gen<string> NumberLexeme()
    {
        var digits = Gen.Choose(1, 25).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 9), n)).Select(d => string.Concat(d));
        var integer = Gen.OneOf(
            Gen.Constant("0"),
            Gen.Zip(Gen.Choose(1, 9), Gen.Frequency((1, Gen.Constant("")), (3, digits))).Select(t => t.Item1 + t.Item2));
        var fraction = Gen.Frequency((2, Gen.Constant("")), (1, digits.Select(d => "." + d)));
        var exponent = Gen.Frequency(
            (3, Gen.Constant("")),
            (1, Gen.Zip(Gen.Elements("e", "E", "e+", "E-", "e-"), Gen.Choose(0, 400)).Select(t => t.Item1 + t.Item2)));
        var sign = Gen.Elements("", "", "-");
        return Gen.Zip(Gen.Zip(sign, integer), Gen.Zip(fraction, exponent))
            .Select(t => t.Item1.Item1 + t.Item1.Item2 + t.Item2.Item1 + t.Item2.Item2);
    }

    public static Gen<string> Text(bool wellFormed) =>
        Gen.Frequency(
            (3, Gen.Elements("", "a", "Next", "States", "$.x", "{% $x %}", "é", "😀")),
            (2, wellFormed ? JsonWriterEscapingTests.Utf16Units().Where(JsonWriterEscapingTests.IsWellFormedUtf16) : JsonWriterEscapingTests.Utf16Units()));

    public static Gen<JsonValue> Value(bool wellFormedStrings) => Gen.Sized(size => Value(size, wellFormedStrings));

    private static Gen<JsonValue> Value(int size, bool wellFormed)
    {
        var scalar = Gen.Frequency(
            (1, Gen.Constant(JsonValue.Null)),
            (1, Gen.Elements(JsonValue.True, JsonValue.False)),
            (3, NumberLexeme().Select(l => JsonValue.Number(l))),
            (3, Text(wellFormed).Select(s => JsonValue.String(s))));
        if (size <= 0) return scalar;
        var child = Gen.Resize(Gen.Sized(s => Value(s / 3, wellFormed)), size);
        // A small key alphabet makes duplicate keys common.
        var key = Gen.Frequency((3, Gen.Elements("a", "b", "Type", "")), (1, Text(wellFormed)));
        var array = Gen.Choose(0, 5).SelectMany(n => Gen.ArrayOf(child, n)).Select(items => JsonValue.Array(items));
        var obj = Gen.Choose(0, 5)
            .SelectMany(n => Gen.ArrayOf(Gen.Zip(key, child), n))
            .Select(members => JsonValue.Object(members.Select(m => new JsonProperty(m.Item1, m.Item2))));
        return Gen.Frequency((2, scalar), (1, array), (1, obj));
    }
}
