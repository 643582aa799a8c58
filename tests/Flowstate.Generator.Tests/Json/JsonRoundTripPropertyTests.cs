using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Flowstate.Core.Json;
using JsonValue = Flowstate.Core.Json.JsonValue;

namespace Flowstate.Generator.Tests.Json;

public class JsonRoundTripPropertyTests
{
    [Property(MaxTest = 300, EndSize = 60)]
    public Property RandomDom_WriteIndentedThenRead_IsEqual() =>
        Prop.ForAll(Arb.From(JsonGenerators.Value(wellFormedStrings: false)), value =>
        {
            var parsed = JsonReader.Parse(JsonWriter.Write(value, indented: true));
            return parsed.Success && parsed.Value!.Equals(value);
        });

    [Property(MaxTest = 300, EndSize = 60)]
    public Property RandomDom_WriteCompactThenRead_IsEqual() =>
        Prop.ForAll(Arb.From(JsonGenerators.Value(wellFormedStrings: false)), value =>
        {
            var parsed = JsonReader.Parse(JsonWriter.Write(value, indented: false));
            return parsed.Success && parsed.Value!.Equals(value);
        });

    [Property(MaxTest = 300, EndSize = 60)]
    public Property RandomDom_Written_ReadsTheSameInSystemTextJson() =>
        Prop.ForAll(Arb.From(JsonGenerators.Value(wellFormedStrings: true)), value =>
        {
            var text = JsonWriter.Write(value, indented: true);
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = JsonReader.MaxDepth });
            var difference = StjComparison.Difference(value, doc.RootElement);
            return (difference is null).Label(difference ?? "");
        });

    [Property(MaxTest = 200, EndSize = 60)]
    public Property RandomDom_Indented_UsesTwoSpacesAndLineFeedsOnly() =>
        Prop.ForAll(Arb.From(JsonGenerators.Value(wellFormedStrings: false)), value =>
        {
            var text = JsonWriter.Write(value, indented: true);
            var lines = text.Split('\n');
            return !text.Contains('\r')
                && !text.Contains('\t')
                && lines.All(l => (l.Length - l.TrimStart(' ').Length) % 2 == 0)
                && !text.EndsWith('\n');
        });

    [Fact]
    public void Generator_Samples_CoverNestingDuplicateKeysLoneSurrogatesAndExponents()
    {
        // Guards the properties above against a generator that quietly stopped producing the hard cases.
        var samples = Gen.Sample(JsonGenerators.Value(wellFormedStrings: false), 50, 300);
        var all = samples.SelectMany(Descendants).ToList();

        Assert.Contains(all, v => v.IsObject && v.Properties.GroupBy(p => p.Name).Any(g => g.Count() > 1));
        Assert.Contains(all, v => (v.IsArray || v.IsObject) && Descendants(v).Skip(1).Any(d => d.IsArray || d.IsObject));
        Assert.Contains(all, v => v.IsString && !JsonWriterEscapingTests.IsWellFormedUtf16(v.Text!));
        Assert.Contains(all, v => v.IsString && v.Text!.Any(c => c < 0x20));
        Assert.Contains(all, v => v.IsNumber && v.Text!.Contains('E'));
        Assert.Contains(all, v => v.IsNumber && v.Text!.Contains('.'));
    }

    private static IEnumerable<JsonValue> Descendants(JsonValue v) =>
        new[] { v }.Concat(v.Items.SelectMany(Descendants)).Concat(v.Properties.SelectMany(p => Descendants(p.Value)));

    [Fact]
    public void Writer_IndentedLayout_IsTheDocumentedOne()
    {
        var value = JsonReader.Parse("{\"a\":[1,{\"b\":null}],\"c\":{},\"d\":[]}").Value!;

        Assert.Equal("{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": {},\n  \"d\": []\n}", JsonWriter.Write(value));
        Assert.Equal("{\"a\":[1,{\"b\":null}],\"c\":{},\"d\":[]}", JsonWriter.Write(value, indented: false));
    }
}
