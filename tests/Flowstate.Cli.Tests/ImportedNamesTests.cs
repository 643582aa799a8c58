using Flowstate.Cli.Tests.Support;
using Flowstate.Core.Asl;
using Flowstate.Cli.Importing;
using Flowstate.Core.Json;

namespace Flowstate.Cli.Tests;

/// <summary>
/// Issue 11, item 20: whatever the state names, the imported C# compiles without a warning (a
/// nested class named Equals hides object.Equals: CS0108, an error under warnings-as-errors) and
/// turns back into the same ASL. Property-tested over names built to collide with everything a
/// nested class can collide with, at every nesting level (machine, Parallel branch, Map processor).
/// </summary>
public sealed class ImportedNamesTests
{
    /// <summary>Names a nested class cannot simply take: inherited members, generated members, Flowstate's
    /// own types and attributes, keywords, the project's file names, and identifiers that need fixing.</summary>
    private static readonly string[] Hostile =
    {
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
        "equals", "EQUALS", "to string", "get-type", "Get_Hash_Code",
        "AslJson", "Definition", "Flowstate", "System", "Generated", "Hosting",
        "QueryLanguage", "IntegrationPattern", "JitterStrategy", "ProcessorMode", "WorkflowType", "StatesErrors", "LambdaErrors",
        "StateMachine", "Task", "Pass", "Choice", "Succeed", "Fail", "Wait", "Parallel", "Map", "Branch", "Branch1", "Retry", "Catch",
        "When", "StartAt", "AslField", "RawState", "LambdaInvoke", "AwsSdk", "StateMachineAttribute", "PassAttribute",
        "class", "int", "string", "object", "var", "async", "await", "nameof", "dynamic", "record", "value", "global", "partial",
        "where", "yield", "file", "required", "scoped", "field", "@class", "Class",
        "Program", "Main", "Con", "nul", "Type", "Object", "String", "Attribute", "Exception", "Action",
        "_", "__", "@", "", " ", "1st", "États", "名前", "ǅungla", "İstanbul", "straße", "😀",
        "Machine", "State", "EqualsState", "Equals2", "MachineState",
    };

    private const int Seeds = 100;

    private static string Name(Random random)
    {
        var name = Hostile[random.Next(Hostile.Length)];
        return random.Next(6) switch
        {
            0 => name.ToUpperInvariant(),
            1 => name + " " + Hostile[random.Next(Hostile.Length)],
            _ => name,
        };
    }

    /// <summary>A valid-enough machine whose every state (and the Map and Parallel inside) has a hostile name.</summary>
    private static string Definition(int seed, string machineClass)
    {
        var random = new Random(seed);
        return JsonWriter.Write(Scope(random, depth: 0, enclosing: machineClass));
    }

    private static JsonValue Scope(Random random, int depth, string enclosing)
    {
        var names = new List<string>();
        // Sometimes a state is named like the class it is nested in.
        if (random.Next(3) == 0) names.Add(enclosing);
        var count = 1 + random.Next(5);
        while (names.Count < count)
        {
            var n = Name(random);
            if (!names.Contains(n, StringComparer.Ordinal)) names.Add(n);
        }
        var states = new List<JsonProperty>();
        for (var i = 0; i < names.Count; i++)
        {
            var next = i + 1 < names.Count ? new JsonProperty("Next", JsonValue.String(names[i + 1])) : new JsonProperty("End", JsonValue.True);
            var kind = depth < 2 ? random.Next(4) : 0;
            var members = kind switch
            {
                1 => new List<JsonProperty>
                {
                    new("Type", JsonValue.String("Map")),
                    new("ItemProcessor", Scope(random, depth + 1, names[i])),
                },
                2 => new List<JsonProperty>
                {
                    new("Type", JsonValue.String("Parallel")),
                    new("Branches", JsonValue.Array(new[] { Scope(random, depth + 1, "Branch1"), Scope(random, depth + 1, "Branch2") })),
                },
                _ => new List<JsonProperty> { new("Type", JsonValue.String("Pass")) },
            };
            members.Add(next);
            states.Add(new JsonProperty(names[i], JsonValue.Object(members)));
        }
        return JsonValue.Object(new[]
        {
            new JsonProperty("StartAt", JsonValue.String(names[0])),
            new JsonProperty("States", JsonValue.Object(states)),
        });
    }

    private static List<(int Seed, string ClassName, string Json, string Source)> Imports()
    {
        var result = new List<(int, string, string, string)>();
        for (var seed = 0; seed < Seeds; seed++)
        {
            // The machine class is named after the file, and may be hostile too.
            var className = DslWriter.MachineClassName(Hostile[seed % Hostile.Length]) + seed;
            var json = Definition(seed, className);
            var spec = AslReader.Read(json, "names-" + seed).Spec!;
            var written = DslWriter.Write(spec, new DslWriterOptions { Namespace = "Names", ClassName = className });
            Assert.True(written.Success, $"seed {seed}: {string.Join("; ", written.Errors)}\n{json}");
            result.Add((seed, className, json, written.Source!));
        }
        return result;
    }

    [Theory]
    [InlineData("Equals")]
    [InlineData("GetHashCode")]
    [InlineData("ToString")]
    [InlineData("GetType")]
    [InlineData("MemberwiseClone")]
    [InlineData("Finalize")]
    [InlineData("ReferenceEquals")]
    public void StateNamedLikeAnObjectMember_CompilesWithoutWarning(string name)
    {
        var json = $$"""{ "StartAt": "{{name}}", "States": { "{{name}}": { "Type": "Map", "ItemProcessor": { "StartAt": "{{name}}", "States": { "{{name}}": { "Type": "Pass", "End": true } } }, "End": true } } }""";
        var written = DslWriter.Write(AslReader.Read(json, "m").Spec!, new DslWriterOptions { Namespace = "Names", ClassName = "M" });
        Assert.Equal("", CSharpCompiler.Problems(CSharpCompiler.Compile(new[] { ("M.cs", written.Source!) })));
        Assert.Contains($"Name = \"{name}\"", written.Source!, StringComparison.Ordinal);
    }

    [Fact]
    public void HostileNames_Imported_CompileWithoutWarnings()
    {
        var imports = Imports();
        var compilation = CSharpCompiler.Compile(imports.Select(i => ($"{i.ClassName}.cs", i.Source)));
        var problems = CSharpCompiler.Problems(compilation);
        if (problems.Length > 0)
        {
            // Show the first failing machine's C#, not only the compiler's line numbers.
            var file = problems.Split('\n')[0].Split('(')[0];
            var culprit = imports.FirstOrDefault(i => $"{i.ClassName}.cs" == file);
            Assert.Fail(problems + "\n--- " + file + " ---\n" + culprit.Source + "\n--- ASL ---\n" + culprit.Json);
        }
    }

    [Fact]
    public void HostileNames_ImportedWithGenerator_RoundTripToEquivalentAsl()
    {
        var imports = Imports();
        var run = GeneratorRun.Run(imports.Select(i => ($"{i.ClassName}.cs", i.Source)));
        Assert.Equal("", run.Problems());
        foreach (var (seed, className, json, source) in imports)
        {
            var generated = run.AslJson($"Names.{className}");
            Assert.True(generated is not null, $"seed {seed}: no AslJson\n{source}");
            var differences = JsonEquivalence.Differences(JsonReader.Parse(json).Value!, JsonReader.Parse(generated!).Value!);
            Assert.True(differences.Count == 0, $"seed {seed}:\n  " + string.Join("\n  ", differences) + "\n--- C# ---\n" + source);
        }
    }
}
