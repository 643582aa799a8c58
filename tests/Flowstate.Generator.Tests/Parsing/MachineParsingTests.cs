using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Core.Model;

namespace Flowstate.Generator.Tests.Parsing;

public class MachineParsingTests : ParsingTestBase
{
    [Fact]
    public void StateMachine_NoName_NamedAfterClassWithStandardType()
    {
        var spec = Spec("[StateMachine] public partial class M { [Succeed] public class Done; }");

        Assert.Equal("M", spec.Name);
        Assert.Equal("STANDARD", spec.WorkflowType);
        Assert.Null(spec.Comment);
        Assert.Null(spec.TimeoutSeconds);
        Assert.Null(spec.QueryLanguage);
        Assert.Null(spec.Version);
        Assert.True(spec.Extras.IsEmpty);
    }

    [Fact]
    public void StateMachine_AllProperties_MappedToAslValues()
    {
        var spec = Spec("""
            [StateMachine("orders", Comment = "Order flow", Type = WorkflowType.Express, TimeoutSeconds = 300,
                QueryLanguage = QueryLanguage.Jsonata, Version = "1.0")]
            public partial class M { [Succeed] public class Done; }
            """);

        Assert.Equal("orders", spec.Name);
        Assert.Equal("EXPRESS", spec.WorkflowType);
        Assert.Equal("Order flow", spec.Comment);
        Assert.Equal(N(300), spec.TimeoutSeconds);
        Assert.Equal("JSONata", spec.QueryLanguage);
        Assert.Equal("1.0", spec.Version);
    }

    [Fact]
    public void StateMachine_NameAsNamedArgument_UsesIt()
    {
        var spec = Spec("""[StateMachine(Name = "named")] public partial class M { [Succeed] public class Done; }""");
        Assert.Equal("named", spec.Name);
    }

    [Fact]
    public void StateMachine_QueryLanguageSetToDefaultValue_IsStillWritten()
    {
        var spec = Spec("[StateMachine(QueryLanguage = QueryLanguage.JsonPath)] public partial class M { [Succeed] public class Done; }");
        Assert.Equal("JSONPath", spec.QueryLanguage);
    }

    [Fact]
    public void TypeIdentity_NestedInPartialTypes_RecordsNamespaceAndContainingTypes()
    {
        var spec = Spec("""
            public partial class Outer
            {
                public partial record struct Inner
                {
                    [StateMachine] public partial class M { [Succeed] public class Done; }
                }
            }
            """, "Demo.Outer+Inner+M");

        var type = spec.Type!;
        Assert.Equal("Demo", type.Namespace);
        Assert.Equal("M", type.Name);
        Assert.Equal("global::Demo.Outer.Inner.M", type.FullyQualifiedName);
        Assert.True(type.IsPartial);
        Assert.Equal("class", type.Keyword);
        Assert.Equal(
            new[] { new ContainingTypeInfo("class", "Outer", true), new ContainingTypeInfo("record struct", "Inner", true) },
            type.ContainingTypes.ToArray());
    }

    [Fact]
    public void TypeIdentity_GlobalNamespaceRecord_HasNoNamespaceAndRecordKeyword()
    {
        var result = Support.CompilationFactory.Parse("using Flowstate;\n[StateMachine] public partial record M { [Succeed] public class Done; }", "M");
        Assert.Null(result.Spec!.Type!.Namespace);
        Assert.Equal("record", result.Spec.Type.Keyword);
        Assert.Equal("global::M", result.Spec.Type.FullyQualifiedName);
    }

    [Fact]
    public void StartAt_NotGiven_IsFirstDeclaredState()
    {
        var spec = Spec("""
            [StateMachine] public partial class M
            {
                [Pass(Next = typeof(B))] public class A;
                [Succeed] public class B;
            }
            """);

        Assert.Equal("A", spec.Root.StartAt);
        Assert.Equal(new[] { "A", "B" }, spec.Root.States.Select(s => s.Name));
    }

    [Fact]
    public void StartAt_Typeof_ResolvesToStateName()
    {
        var spec = Spec("""
            [StateMachine, StartAt(typeof(B))] public partial class M
            {
                [Succeed] public class A;
                [Pass(Name = "Bee", Next = typeof(A))] public class B;
            }
            """);

        Assert.Equal("Bee", spec.Root.StartAt);
        Assert.Equal("A", State(spec, "Bee").Next);
    }

    [Fact]
    public void StartAt_Name_IsTakenVerbatim()
    {
        var spec = Spec("""[StateMachine, StartAt("Somewhere else")] public partial class M { [Succeed] public class A; }""");
        Assert.Equal("Somewhere else", spec.Root.StartAt);
    }

    [Fact]
    public void Scope_NoStates_HasNoStartAt()
    {
        var spec = Spec("[StateMachine] public partial class M { }");
        Assert.Null(spec.Root.StartAt);
        Assert.True(spec.Root.States.IsEmpty);
    }

    [Fact]
    public void States_NonStateNestedClasses_AreIgnored()
    {
        var spec = Spec("""
            [StateMachine] public partial class M
            {
                public class Helper { public int X; }
                [Succeed] public class Done;
                private static class Constants { public const string Arn = "x"; }
            }
            """);
        Assert.Equal(new[] { "Done" }, spec.Root.States.Select(s => s.Name));
    }

    [Fact]
    public void States_AcrossPartialDeclarations_KeepDeclarationOrder()
    {
        var result = Support.CompilationFactory.Parse("""
            using Flowstate;
            namespace Demo;
            [StateMachine] public partial class M
            {
                [Pass] public class First;
                [Pass] public class Second;
            }
            public partial class M
            {
                [Pass] public class Third;
            }
            """, "Demo.M");
        Assert.Equal(new[] { "First", "Second", "Third" }, result.Spec!.Root.States.Select(s => s.Name));
    }

    [Fact]
    public void Typeof_ClassThatIsNotAState_ReportsFlow0004AndKeepsClassName()
    {
        const string source = """
            [StateMachine] public partial class M
            {
                [Pass(Next = typeof(Helper))] public class A;
                public class Helper;
            }
            """;
        var result = Parse(source, locations: true);

        Assert.Equal("Helper", result.Spec!.Root.States[0].Next);
        var d = Single(result, DiagnosticIds.TargetNotAState);
        Assert.Equal(new[] { "Next", "state 'A'", "Helper", "NextName" }, d.MessageArgs.ToArray());
        Assert.Equal("typeof(Helper)", TextAt(source, d.Location));
    }

    [Fact]
    public void Typeof_StateOfAnotherMachine_ReportsFlow0004()
    {
        var result = Parse("""
            [StateMachine] public partial class M { [Pass(Next = typeof(Other.X))] public class A; }
            [StateMachine] public partial class Other { [Succeed] public class X; }
            """);
        Single(result, DiagnosticIds.TargetNotAState);
        Assert.Equal("X", result.Spec!.Root.States[0].Next);
    }

    [Fact]
    public void Typeof_UnresolvedType_KeepsNameWithoutFlow0004()
    {
        var result = Parse("[StateMachine] public partial class M { [Pass(Next = typeof(Missing))] public class A; }");
        Assert.Equal("Missing", result.Spec!.Root.States[0].Next);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == DiagnosticIds.TargetNotAState);
    }

    [Fact]
    public void StartAt_TypeofNonState_ReportsFlow0004()
    {
        var result = Parse("[StateMachine, StartAt(typeof(string))] public partial class M { [Succeed] public class A; }");
        var d = Single(result, DiagnosticIds.TargetNotAState);
        Assert.Equal("StartAt", d.MessageArgs[0]);
        Assert.Equal("String", result.Spec!.Root.StartAt);
    }

    [Fact]
    public void NextName_GivenAlone_IsTakenVerbatim()
    {
        var spec = Spec("""[StateMachine] public partial class M { [Pass(NextName = "Not declared here")] public class A; }""");
        Assert.Equal("Not declared here", spec.Root.States[0].Next);
    }

    [Fact]
    public void NextAndNextName_BothSet_ReportsFlow0006AndKeepsTypeof()
    {
        const string source = """
            [StateMachine] public partial class M
            {
                [Pass(Next = typeof(B), NextName = "C")] public class A;
                [Succeed] public class B;
            }
            """;
        var result = Parse(source, locations: true);
        Assert.Equal("B", result.Spec!.Root.States[0].Next);
        var d = Single(result, DiagnosticIds.ConflictingProperties);
        Assert.Equal("\"C\"", TextAt(source, d.Location));
    }

    [Fact]
    public void NotPartial_ReportsFlow0002OnIdentifierAndStillBuildsSpec()
    {
        const string source = "[StateMachine] public class M { [Succeed] public class Done; }";
        var result = Parse(source, locations: true);

        var d = Single(result, DiagnosticIds.MachineNotPartial);
        Assert.Equal(new[] { "M", "M" }, d.MessageArgs.ToArray());
        Assert.Equal("M", TextAt(source, d.Location));
        Assert.False(result.Spec!.Type!.IsPartial);
        Assert.Single(result.Spec.Root.States);
    }

    [Fact]
    public void ContainingTypeNotPartial_ReportsFlow0002OnContainingType()
    {
        const string source = "public class Outer { [StateMachine] public partial class M { [Succeed] public class Done; } }";
        var result = Parse(source, "Demo.Outer+M", locations: true);

        var d = Single(result, DiagnosticIds.MachineNotPartial);
        Assert.Equal(new[] { "M", "Outer" }, d.MessageArgs.ToArray());
        Assert.Equal("Outer", TextAt(source, d.Location));
        Assert.False(result.Spec!.Type!.ContainingTypes[0].IsPartial);
    }

    [Fact]
    public void AslField_OnMachine_BecomesExtraInOrder()
    {
        var spec = Spec("""
            [StateMachine, AslField("Zeta", "1"), AslField("Alpha", "{\"a\": [true]}")]
            public partial class M { [Succeed] public class Done; }
            """);
        Assert.Equal(new[] { new ExtraField("Zeta", N(1)), new ExtraField("Alpha", J("{\"a\": [true]}")) }, spec.Extras.ToArray());
    }

    [Fact]
    public void Parse_WithoutLocations_HasNoPositions()
    {
        var spec = Spec("""
            [StateMachine(Comment = "c")] public partial class M
            {
                [Pass(Next = typeof(B))] [AslField("X", "1")] public class A;
                [Succeed] public class B;
            }
            """);
        Assert.False(spec.Location.IsKnown);
        Assert.True(spec.FieldLocations.IsEmpty);
        Assert.All(spec.Root.States, s => { Assert.False(s.Location.IsKnown); Assert.True(s.FieldLocations.IsEmpty); });
    }

    [Fact]
    public void Parse_WithLocations_KeysFieldLocationsByAslField()
    {
        const string source = """
            [StateMachine(Comment = "c")] public partial class M
            {
                [Pass(Next = typeof(B), ResultPath = "$.x")]
                public class A;
                [Succeed] public class B;
            }
            """;
        var result = Parse(source, locations: true);
        var spec = result.Spec!;
        var a = spec.Root.States[0];

        Assert.Equal("StateMachine(Comment = \"c\")", TextAt(source, spec.Location));
        Assert.Equal("\"c\"", TextAt(source, spec.FieldLocations.Single(f => f.Field == "Comment").Location));
        Assert.Equal("Pass(Next = typeof(B), ResultPath = \"$.x\")", TextAt(source, a.Location));
        Assert.Equal("typeof(B)", TextAt(source, a.FieldLocations.Single(f => f.Field == "Next").Location));
        Assert.Equal("\"$.x\"", TextAt(source, a.FieldLocations.Single(f => f.Field == "ResultPath").Location));
        Assert.Equal("/src/Source0.cs", a.Location.FilePath);
        Assert.Equal(5, a.Location.StartLine);
    }

    [Fact]
    public void Parse_Twice_ProducesEqualResults()
    {
        const string source = """
            [StateMachine] public partial class M
            {
                [LambdaInvoke("f", Payload = "{\"a\": 1}", Next = typeof(B))] [Retry("E", BackoffRate = 1.5)] public class A;
                [Succeed] public class B;
            }
            """;
        Assert.Equal(Parse(source), Parse(source));
        Assert.Equal(Parse(source, locations: true), Parse(source, locations: true));
    }

    [Fact]
    public void Parse_CancelledToken_Throws()
    {
        var compilation = Support.CompilationFactory.Create(Header + "[StateMachine] public partial class M { [Succeed] public class Done; }");
        var (machine, attribute) = Support.CompilationFactory.FindMachine(compilation, "Demo.M");
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Flowstate.Generator.Parsing.StateMachineParser.Parse(machine, attribute, false, cts.Token));
    }
}
