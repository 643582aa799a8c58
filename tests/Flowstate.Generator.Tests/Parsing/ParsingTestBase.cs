using Flowstate.Core.Json;
using Flowstate.Core.Model;
using Flowstate.Generator.Parsing;
using Flowstate.Generator.Tests.Support;

namespace Flowstate.Generator.Tests.Parsing;

/// <summary>Helpers shared by the parser tests: wrap a class body in a namespace and parse it.</summary>
public abstract class ParsingTestBase
{
    protected const string Header = "using Flowstate;\nnamespace Demo;\n\n";

    /// <summary>Parses Demo.<paramref name="typeName"/> from <paramref name="declarations"/> (placed after the usings).</summary>
    protected static StateMachineParseResult Parse(string declarations, string typeName = "Demo.M", bool locations = false)
        => CompilationFactory.Parse(Header + declarations, typeName, locations);

    /// <summary>Parses and asserts the result has a Spec and no diagnostic.</summary>
    protected static StateMachineSpec Spec(string declarations, string typeName = "Demo.M")
    {
        var result = Parse(declarations, typeName);
        Assert.True(result.Diagnostics.IsEmpty, "unexpected diagnostics: " + string.Join("; ", result.Diagnostics.Select(Describe)));
        Assert.NotNull(result.Spec);
        return result.Spec!;
    }

    /// <summary>The state named <paramref name="name"/> of the top level.</summary>
    protected static StateSpec State(StateMachineSpec spec, string name)
        => spec.Root.States.Single(s => s.Name == name);

    protected static JsonValue J(string json)
    {
        var result = JsonReader.Parse(json);
        Assert.True(result.Success, result.Error);
        return result.Value!;
    }

    protected static JsonValue S(string value) => JsonValue.String(value);

    protected static JsonValue N(double value) => JsonValue.Number(value);

    protected static string Describe(DiagnosticInfo d) => $"{d.Id} {d.Location} [{string.Join(" | ", d.MessageArgs)}]";

    /// <summary>The single diagnostic with <paramref name="id"/>.</summary>
    protected static DiagnosticInfo Single(StateMachineParseResult result, string id)
    {
        var matching = result.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"expected one {id}, got: " + string.Join("; ", result.Diagnostics.Select(Describe)));
        return matching[0];
    }

    /// <summary>The source text a diagnostic points at, given the source passed to <see cref="Parse"/>.</summary>
    protected static string TextAt(string declarations, SourceRef location)
    {
        Assert.True(location.IsKnown, "location not captured");
        return (Header + declarations).Substring(location.Start, location.Length);
    }
}
