using System.Reflection;
using Flowstate.Cli.Tests.Support;
using Flowstate.Core.Asl;
using Flowstate.Cli.Importing;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flowstate.Cli.Tests;

/// <summary>Focused DslWriter behaviour: naming, references, errors, literals (the baselines show whole files).</summary>
public class DslWriterTests
{
    private static DslWriteResult Import(string json, string name = "Machine")
    {
        var read = AslReader.Read(json, name);
        Assert.True(read.Spec is not null, string.Join("\n", read.Diagnostics));
        return DslWriter.Write(read.Spec!, new DslWriterOptions { Namespace = "Tests" });
    }

    private static string Source(string json, string name = "Machine")
    {
        var result = Import(json, name);
        Assert.True(result.Success, string.Join("\n", result.Errors));
        return result.Source!;
    }

    /// <summary>The compiled attribute arguments of every class, resolved by the compiler: what the parser will see.</summary>
    private static (Compilation Compilation, IReadOnlyList<INamedTypeSymbol> Types) Compile(string source)
    {
        var compilation = CSharpCompiler.Compile(new[] { ("Machine.cs", source) });
        Assert.Equal("", CSharpCompiler.Problems(compilation));
        var types = new List<INamedTypeSymbol>();
        void Walk(INamespaceOrTypeSymbol container)
        {
            foreach (var t in container.GetTypeMembers())
            {
                types.Add(t);
                Walk(t);
            }
        }
        Walk(compilation.GlobalNamespace.GetNamespaceMembers().Single(n => n.Name == "Tests"));
        return (compilation, types);
    }

    private static AttributeData StateAttribute(INamedTypeSymbol type)
        => type.GetAttributes().First(a => a.AttributeClass!.BaseType is { } b && (b.Name.EndsWith("StateAttribute", StringComparison.Ordinal) || b.Name == "ServiceTaskAttribute" || b.Name == "TaskStateAttribute"));

    private static object? Named(AttributeData a, string name)
        => a.NamedArguments.Where(n => n.Key == name).Select(n => n.Value.Kind == TypedConstantKind.Array ? (object?)n.Value.Values : n.Value.Value).FirstOrDefault();

    // ---- naming ---------------------------------------------------------------------------------

    [Theory]
    [InlineData("Create an EMR cluster", "CreateAnEmrCluster")]
    [InlineData("getItem", "GetItem")]
    [InlineData("HTTPRequest", "HttpRequest")]
    [InlineData("Loop over all OUs", "LoopOverAllOus")]
    [InlineData("get_user_IDs", "GetUserIds")]
    [InlineData("s3-copy", "S3Copy")]
    [InlineData("Process2Items", "Process2Items")]
    [InlineData("1st step", "State1stStep")]
    [InlineData("???", "State")]
    [InlineData("", "State")]
    [InlineData("Überprüfen der Daten", "ÜberprüfenDerDaten")]
    [InlineData("日本語", "日本語")]
    [InlineData("tab\tand\nnewline", "TabAndNewline")]
    public void PascalIdentifier_FromStateName(string name, string expected)
        => Assert.Equal(expected, CSharpNames.ToPascalIdentifier(name));

    [Theory]
    [InlineData("daily-etl", "DailyEtl")]
    [InlineData("AslJson", "AslJsonStateMachine")]
    [InlineData("Flowstate", "FlowstateStateMachine")]
    [InlineData("my-attribute", "MyAttributeStateMachine")]
    [InlineData("42", "Machine42")]
    public void MachineClassName_AvoidsReservedNames(string machineName, string expected)
        => Assert.Equal(expected, DslWriter.MachineClassName(machineName));

    [Fact]
    public void ReservedNames_CoverEveryFlowstateTypeTheWriterNamesBySimpleName()
    {
        // A nested class named like a type the written code refers to would capture the reference
        // (QueryLanguage.Jsonata would bind to the state class).
        var referenced = new[] { typeof(QueryLanguage), typeof(IntegrationPattern), typeof(JitterStrategy), typeof(ProcessorMode), typeof(WorkflowType), typeof(StatesErrors), typeof(LambdaErrors) };
        foreach (var type in referenced) Assert.True(DslWriter.IsReservedName(type.Name), type.Name);
        foreach (var attribute in typeof(StateMachineAttribute).Assembly.GetExportedTypes().Where(t => typeof(Attribute).IsAssignableFrom(t)))
            Assert.True(DslWriter.IsReservedName(attribute.Name), attribute.Name);
    }

    [Fact]
    public void StateNames_CollidingAfterPascalCase_GetNumberedClassesAndExactNameKeepsItsClass()
    {
        var source = Source("""
            { "StartAt": "do it", "States": {
              "do it": { "Type": "Pass", "Next": "Do It!" },
              "Do It!": { "Type": "Pass", "Next": "DoIt" },
              "DoIt": { "Type": "Succeed" } } }
            """);
        var (_, types) = Compile(source);
        var byName = types.Where(t => t.ContainingType?.Name == "Machine").ToDictionary(t => t.Name, t => (string?)Named(StateAttribute(t), "Name"));
        Assert.Equal(new Dictionary<string, string?> { ["DoIt2"] = "do it", ["DoIt3"] = "Do It!", ["DoIt"] = null }, byName);
    }

    [Fact]
    public void StateNamedLikeMachineOrItsMap_GetsStateSuffix()
    {
        var source = Source("""
            { "StartAt": "Machine", "States": {
              "Machine": { "Type": "Map", "ItemProcessor": { "StartAt": "Machine", "States": {
                  "Machine": { "Type": "Pass", "Next": "Work" },
                  "Work": { "Type": "Succeed" } } }, "End": true } } }
            """);
        Assert.Contains("public class MachineState\n", source, StringComparison.Ordinal);
        Assert.Contains("        public class MachineState2;\n", source, StringComparison.Ordinal);
        Compile(source);
    }

    [Fact]
    public void Output_IsDeterministic()
    {
        var json = File.ReadAllText(Path.Combine(TestPaths.ProjectDirectory, "Cases", "Scopes.asl.json"));
        Assert.Equal(Source(json), Source(json));
    }

    // ---- references -----------------------------------------------------------------------------

    /// <summary>Every Next/Default/StartAt/Catch typeof must bind to the class of the state with that ASL name.</summary>
    private static void AssertTypeofTargetsResolveToNamedStates(string source)
    {
        var (compilation, types) = Compile(source);
        var stateNameOf = new Dictionary<INamedTypeSymbol, string>(SymbolEqualityComparer.Default);
        foreach (var t in types)
        {
            var state = t.GetAttributes().FirstOrDefault(a => a.AttributeClass!.Name is not ("BranchAttribute" or "StartAtAttribute" or "RetryAttribute" or "CatchAttribute" or "WhenAttribute" or "AslFieldAttribute" or "RawStateAttribute" or "StateMachineAttribute"));
            if (state is not null) stateNameOf[t] = (string?)Named(state, "Name") ?? t.Name;
        }
        var checkedAny = false;
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var typeOf in tree.GetRoot().DescendantNodes().OfType<TypeOfExpressionSyntax>())
            {
                var target = model.GetTypeInfo(typeOf.Type).Type as INamedTypeSymbol;
                Assert.True(target is not null && stateNameOf.ContainsKey(target), $"{typeOf} does not bind to a state class");
                checkedAny = true;
            }
        }
        Assert.True(checkedAny);
    }

    [Fact]
    public void NextToOuterState_ShadowedByNestedClass_IsQualifiedAndBindsToTheOuterState()
    {
        var source = Source("""
            { "StartAt": "Each", "States": {
              "Each": { "Type": "Map", "ItemProcessor": { "StartAt": "Done", "States": { "Done": { "Type": "Succeed" } } }, "Next": "Done" },
              "Done": { "Type": "Succeed" } } }
            """);
        Assert.Contains("Next = typeof(Machine.Done)", source, StringComparison.Ordinal);
        AssertTypeofTargetsResolveToNamedStates(source);
    }

    [Fact]
    public void TransitionOutOfBranch_IsQualifiedFromTheMachine_TargetKeptAsWritten()
    {
        var source = Source("""
            { "StartAt": "Fan", "States": {
              "Fan": { "Type": "Parallel", "Branches": [
                { "StartAt": "Inner", "States": { "Inner": { "Type": "Pass", "Next": "After" } } } ], "Next": "After" },
              "After": { "Type": "Succeed" } } }
            """);
        Assert.Contains("[Pass(Next = typeof(Machine.After))]", source, StringComparison.Ordinal);
        Assert.Contains("[Parallel(Next = typeof(After))]", source, StringComparison.Ordinal);
        AssertTypeofTargetsResolveToNamedStates(source);
    }

    [Fact]
    public void TransitionToMissingState_IsNextNameWithTheNameAsWritten()
    {
        var source = Source("""
            { "StartAt": "A", "States": {
              "A": { "Type": "Task", "Resource": "arn:aws:lambda:::function:f", "Next": "Gone",
                     "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Also gone" }] } } }
            """);
        Assert.Contains("NextName = \"Gone\"", source, StringComparison.Ordinal);
        Assert.Contains("[Catch(StatesErrors.All, NextName = \"Also gone\")]", source, StringComparison.Ordinal);
        Compile(source);
    }

    [Fact]
    public void StartAtNotFirst_WritesStartAtTypeof_StartAtMissingState_WritesStartAtName()
    {
        var notFirst = Source("""{ "StartAt": "B", "States": { "A": { "Type": "Succeed" }, "B": { "Type": "Pass", "Next": "A" } } }""");
        Assert.Contains("[StartAt(typeof(B))]\npublic partial class Machine", notFirst, StringComparison.Ordinal);
        AssertTypeofTargetsResolveToNamedStates(notFirst);

        var missing = Source("""{ "StartAt": "Nope", "States": { "A": { "Type": "Succeed" } } }""");
        Assert.Contains("[StartAt(\"Nope\")]", missing, StringComparison.Ordinal);

        var first = Source("""{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }""");
        Assert.DoesNotContain("StartAt", first, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateStateNames_BothWritten_TransitionsGoToTheFirst()
    {
        var source = Source("""
            { "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "Dup" }, "Dup": { "Type": "Pass", "End": true }, "Dup": { "Type": "Succeed" } } }
            """);
        Assert.Contains("[Pass(Next = typeof(Dup))]", source, StringComparison.Ordinal);
        Assert.Contains("[Succeed(Name = \"Dup\")]\n    public class Dup2;", source, StringComparison.Ordinal);
        Compile(source);
    }

    // ---- what cannot be written -----------------------------------------------------------------

    [Fact]
    public void NoStartAt_IsAnErrorAtTheRoot_NoSource()
    {
        var result = Import("""{ "States": { "A": { "Type": "Succeed" } } }""");
        Assert.False(result.Success);
        Assert.Null(result.Source);
        var error = Assert.Single(result.Errors);
        Assert.Equal("/", error.Pointer);
        Assert.Contains("no StartAt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoStates_IsAnError()
    {
        var result = Import("""{ "StartAt": "A" }""");
        Assert.Contains(result.Errors, e => e.Message.Contains("no States object", StringComparison.Ordinal));
    }

    [Fact]
    public void EmptyDefinition_ReportsMissingStatesOnly()
    {
        var result = Import("{}");
        Assert.Single(result.Errors);
        Assert.Contains("no States object", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownWorkflowType_IsAnError()
    {
        var spec = AslReader.Read("""{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }""", "m").Spec! with { WorkflowType = "TURBO" };
        Assert.Contains(DslWriter.Write(spec).Errors, e => e.Message.Contains("TURBO", StringComparison.Ordinal));
    }

    [Fact]
    public void ExpressWorkflow_WritesType()
    {
        var spec = AslReader.Read("""{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }""", "m").Spec! with { WorkflowType = "EXPRESS" };
        Assert.Contains("[StateMachine(\"m\", Type = WorkflowType.Express)]", DslWriter.Write(spec).Source, StringComparison.Ordinal);
    }

    [Fact]
    public void NestedScopeWithoutStartAt_WholeStateIsRawState_WithWarningPointer()
    {
        var result = Import("""
            { "StartAt": "Fan", "States": { "Fan": { "Type": "Parallel", "Branches": [ { "States": { "X": { "Type": "Succeed" } } } ], "End": true } } }
            """);
        Assert.True(result.Success);
        Assert.Contains("[RawState(\"Fan\",", result.Source, StringComparison.Ordinal);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("/States/Fan", warning.Pointer);
        Assert.Contains("branch 0 has no StartAt", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonPointers_EscapeSlashAndTilde()
    {
        var result = Import("""{ "StartAt": "a/b~c", "States": { "a/b~c": { "Type": "Teleport" } } }""");
        Assert.Equal("/States/a~1b~0c", Assert.Single(result.Warnings).Pointer);
    }

    // ---- literals -------------------------------------------------------------------------------

    [Theory]
    [InlineData("plain")]
    [InlineData("quote \" backslash \\ tab \t newline \n cr \r")]
    [InlineData("line separators \u2028 \u2029 \u0085 and NUL \0 and BOM \uFEFF")]
    [InlineData("emoji 😀 and a lone surrogate \ud800 here")]
    [InlineData("{% looks like JSONata but is a name %}")]
    public void StringValues_RoundTripThroughTheCompiler(string text)
    {
        // The comment, the state name and a JSON payload value all carry the text; the compiler
        // must read back exactly the same strings.
        var payload = JsonValue.Object(new[] { new JsonProperty(text, JsonValue.String(text)) });
        var spec = new StateMachineSpec
        {
            Name = "m",
            Comment = text,
            Root = new ScopeSpec
            {
                StartAt = text,
                States = EquatableArray.Create(new StateSpec { Name = text, Type = "Pass", Result = payload, Output = JsonValue.String(text), End = true }),
            },
        };
        var result = DslWriter.Write(spec, new DslWriterOptions { Namespace = "Tests" });
        var (_, types) = Compile(result.Source!);
        var machine = types.Single(t => t.Name == "M");
        Assert.Equal(text, Named(machine.GetAttributes().Single(a => a.AttributeClass!.Name == "StateMachineAttribute"), "Comment"));
        var state = StateAttribute(types.Single(t => t.ContainingType is not null));
        Assert.Equal(text, Named(state, "Name") ?? types.Single(t => t.ContainingType is not null).Name);
        var result2 = JsonReader.Parse((string)Named(state, "Result")!);
        Assert.True(result2.Success, result2.Error);
        Assert.Equal(payload, result2.Value);
        // Output: a JSON string; bare only when it is a JSONata expression, otherwise quoted JSON.
        var output = (string)Named(state, "Output")!;
        var outputValue = CSharpAttributeRules.ParseLikeTheParser(output);
        Assert.Equal(JsonValue.String(text), outputValue);
    }

    [Theory]
    [InlineData("{% $x %}", "\"{% $x %}\"")]
    [InlineData(" {% $x %}", "\"\"\" \" {% $x %}\" \"\"\"")]
    [InlineData("{%}", "\"\"\" \"{%}\" \"\"\"")]
    public void JsonataLookalikeStrings_BareOnlyWhenTheParserReadsThemBack(string value, string expectedLiteral)
    {
        var spec = new StateMachineSpec
        {
            Name = "m",
            Root = new ScopeSpec { StartAt = "A", States = EquatableArray.Create(new StateSpec { Name = "A", Type = "Pass", Output = JsonValue.String(value) }) },
        };
        Assert.Contains($"Output = {expectedLiteral}", DslWriter.Write(spec).Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2", "BackoffRate = 2")]
    [InlineData("2.0", "BackoffRate = 2")]
    [InlineData("1.5", "BackoffRate = 1.5")]
    [InlineData("1e-7", "BackoffRate = 1E-07")]
    public void Doubles_WrittenWhenTheyFitExactly(string lexeme, string expected)
    {
        var source = Source($$"""{ "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "r", "Retry": [{ "ErrorEquals": [], "BackoffRate": {{lexeme}} }], "End": true } } }""");
        Assert.Contains(expected, source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.10000000000000001")]
    [InlineData("1e400")]
    public void Doubles_ThatDoNotFit_KeepTheWholeRetryAsAslField(string lexeme)
    {
        var source = Source($$"""{ "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "r", "Retry": [{ "ErrorEquals": [], "BackoffRate": {{lexeme}} }], "End": true } } }""");
        Assert.Contains($"[AslField(\"Retry\", \"\"\"[{{ \"ErrorEquals\": [], \"BackoffRate\": {lexeme} }}]\"\"\")]", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5", "TimeoutSeconds = 5")]
    [InlineData("5.0", "TimeoutSeconds = 5")]
    [InlineData("2147483647", "TimeoutSeconds = 2147483647")]
    [InlineData("2147483648", "[AslField(\"TimeoutSeconds\", \"2147483648\")]")]
    [InlineData("5.5", "[AslField(\"TimeoutSeconds\", \"5.5\")]")]
    [InlineData("\"{% $t %}\"", "[AslField(\"TimeoutSeconds\", \"{% $t %}\")]")]
    [InlineData("\"5\"", "[AslField(\"TimeoutSeconds\", \"\"\" \"5\" \"\"\")]")]
    public void Ints_WrittenWhenTheyFitExactly_OtherwiseAslField(string lexeme, string expected)
    {
        var source = Source($$"""{ "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "r", "TimeoutSeconds": {{lexeme}}, "End": true } } }""");
        Assert.Contains(expected, source, StringComparison.Ordinal);
    }

    [Fact]
    public void KnownErrorNames_WrittenAsTheFlowstateConstants()
    {
        var source = Source("""
            { "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "r", "End": true,
              "Retry": [{ "ErrorEquals": ["States.ALL", "Lambda.AWSLambdaException", "Custom.Error", "States.Unknown"] }] } } }
            """);
        Assert.Contains("[Retry(StatesErrors.All, LambdaErrors.AwsLambdaException, \"Custom.Error\", \"States.Unknown\")]", source, StringComparison.Ordinal);
        var (_, types) = Compile(source);
        var retry = types.Single(t => t.Name == "A").GetAttributes().Single(a => a.AttributeClass!.Name == "RetryAttribute");
        Assert.Equal(new[] { "States.ALL", "Lambda.AWSLambdaException", "Custom.Error", "States.Unknown" }, retry.ConstructorArguments[0].Values.Select(v => (string)v.Value!));
    }

    [Fact]
    public void EveryFlowstateErrorConstant_IsUsedForItsValue()
    {
        var constants = new[] { typeof(StatesErrors), typeof(LambdaErrors) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (Code: t.Name + "." + f.Name, Value: (string)f.GetRawConstantValue()!)))
            .ToList();
        var errors = string.Join(", ", constants.Select(c => "\"" + c.Value + "\""));
        var source = Source($$"""{ "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "r", "End": true, "Retry": [{ "ErrorEquals": [{{errors}}] }] } } }""");
        var oneLine = System.Text.RegularExpressions.Regex.Replace(source, @"\n\s*", " ");
        Assert.Contains("[Retry(" + string.Join(", ", constants.Select(c => c.Code)) + ")]", oneLine, StringComparison.Ordinal);
        var (_, types) = Compile(source);
        var retry = types.Single(t => t.Name == "A").GetAttributes().Single(a => a.AttributeClass!.Name == "RetryAttribute");
        Assert.Equal(constants.Select(c => c.Value), retry.ConstructorArguments[0].Values.Select(v => (string)v.Value!));
    }

    [Fact]
    public void PresentDefaults_AreWritten()
    {
        var source = Source("""
            { "StartAt": "A", "States": { "A": { "Type": "Map", "MaxConcurrency": 0, "ResultPath": null, "End": false, "Next": "B",
              "ItemProcessor": { "ProcessorConfig": { "Mode": "INLINE" }, "StartAt": "X", "States": { "X": { "Type": "Succeed" } } } },
              "B": { "Type": "Wait", "Seconds": 0, "End": true } } }
            """);
        Assert.Contains("MaxConcurrency = 0", source, StringComparison.Ordinal);
        Assert.Contains("ResultPath = null", source, StringComparison.Ordinal);
        Assert.Contains("End = false", source, StringComparison.Ordinal);
        Assert.Contains("Mode = ProcessorMode.Inline", source, StringComparison.Ordinal);
        Assert.Contains("Seconds = 0", source, StringComparison.Ordinal);
    }
}

/// <summary>The parser's reading of JSON-text properties (docs/design.md): trimmed "{% ... %}" is a JSONata string, else JSON.</summary>
internal static class CSharpAttributeRules
{
    public static JsonValue? ParseLikeTheParser(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length >= 4 && trimmed.StartsWith("{%", StringComparison.Ordinal) && trimmed.EndsWith("%}", StringComparison.Ordinal))
            return JsonValue.String(trimmed);
        return JsonReader.Parse(text).Value;
    }
}

public class DslWriterOptionsTests
{
    private static readonly StateMachineSpec Spec = AslReader.Read("""{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }""", "m").Spec!;

    [Theory]
    [InlineData("1Bad")]
    [InlineData("A..B")]
    [InlineData("class")]
    public void InvalidNamespace_Throws(string ns)
        => Assert.Throws<ArgumentException>(() => DslWriter.Write(Spec, new DslWriterOptions { Namespace = ns }));

    [Theory]
    [InlineData("1Bad")]
    [InlineData("A.B")]
    [InlineData("class")]
    public void InvalidClassName_Throws(string className)
        => Assert.Throws<ArgumentException>(() => DslWriter.Write(Spec, new DslWriterOptions { ClassName = className }));

    [Fact]
    public void NoNamespace_WritesNoNamespaceDeclaration()
        => Assert.DoesNotContain("namespace", DslWriter.Write(Spec).Source, StringComparison.Ordinal);

    [Fact]
    public void HeaderComment_LineBreaksCannotEscapeTheComment()
    {
        var source = DslWriter.Write(Spec, new DslWriterOptions { HeaderComment = "one\ntwo\u2028class Injected {}" }).Source!;
        Assert.StartsWith("// one\n// two?class Injected {}\nusing Flowstate;", source, StringComparison.Ordinal);
    }
}
