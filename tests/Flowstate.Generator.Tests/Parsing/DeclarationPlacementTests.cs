using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;

namespace Flowstate.Generator.Tests.Parsing;

public class DeclarationPlacementTests : ParsingTestBase
{
    [Fact]
    public void TwoStateAttributes_ReportsFlow0007OnSecondAndUsesFirst()
    {
        const string source = "[StateMachine] public partial class M { [Pass] [Succeed] public class A; }";
        var result = Parse(source, locations: true);

        var d = Single(result, DiagnosticIds.MultipleStateAttributes);
        Assert.Equal(new[] { "A", "[Pass], [Succeed]" }, d.MessageArgs.ToArray());
        Assert.Equal("Succeed", TextAt(source, d.Location));
        Assert.Equal("Pass", result.Spec!.Root.States[0].Type);
    }

    [Fact]
    public void StateAndRawState_ReportsFlow0007()
    {
        var result = Parse("""[StateMachine] public partial class M { [Pass] [RawState("X", "1")] public class A; }""");
        Single(result, DiagnosticIds.MultipleStateAttributes);
    }

    [Fact]
    public void BranchOutsideParallel_ReportsFlow0008()
    {
        const string source = "[StateMachine] public partial class M { [Branch] public class B { [Succeed] public class X; } [Succeed] public class Done; }";
        var result = Parse(source, locations: true);

        var d = Single(result, DiagnosticIds.MisplacedDeclaration);
        Assert.Equal("B", d.MessageArgs[0]);
        Assert.Equal("Branch", TextAt(source, d.Location));
        Assert.Equal(new[] { "Done" }, result.Spec!.Root.States.Select(s => s.Name));
    }

    [Fact]
    public void StateDirectlyInParallel_ReportsFlow0008()
    {
        const string source = """
            [StateMachine] public partial class M
            {
                [Parallel(End = true)]
                public class P
                {
                    [Branch] public class B { [Succeed] public class Ok; }
                    [Pass] public class Stray;
                }
            }
            """;
        var result = Parse(source, locations: true);
        var d = Single(result, DiagnosticIds.MisplacedDeclaration);
        Assert.Equal("Stray", d.MessageArgs[0]);
        Assert.Contains("[Branch]", d.MessageArgs[1]);
        Assert.Equal("Pass", TextAt(source, d.Location));
        Assert.Single(result.Spec!.Root.States[0].Branches!.Value);
    }

    [Fact]
    public void StateNestedInNonScopeState_ReportsFlow0008()
    {
        var result = Parse("[StateMachine] public partial class M { [Pass] public class A { [Succeed] public class Inner; } }");
        var d = Single(result, DiagnosticIds.MisplacedDeclaration);
        Assert.Equal("Inner", d.MessageArgs[0]);
    }

    [Fact]
    public void StateNestedInHelperClass_ReportsFlow0008()
    {
        var result = Parse("[StateMachine] public partial class M { public static class Group { [Succeed] public class Inner; } }");
        Single(result, DiagnosticIds.MisplacedDeclaration);
        Assert.True(result.Spec!.Root.States.IsEmpty);
    }

    [Fact]
    public void RetryOnMachineClass_ReportsFlow0008()
    {
        var result = Parse("""[StateMachine, Retry("E")] public partial class M { [Succeed] public class A; }""");
        var d = Single(result, DiagnosticIds.MisplacedDeclaration);
        Assert.Equal("M", d.MessageArgs[0]);
    }

    [Fact]
    public void StartAtOnPassState_ReportsFlow0008()
    {
        var result = Parse("[StateMachine] public partial class M { [Pass, StartAt(\"x\")] public class A; }");
        Single(result, DiagnosticIds.MisplacedDeclaration);
    }

    [Fact]
    public void NestedStateMachine_IsNotAStateOfOuterMachine()
    {
        var result = Parse("""
            [StateMachine] public partial class M
            {
                [Succeed] public class Done;
                [StateMachine] public partial class Inner { [Succeed] public class X; }
            }
            """);
        Assert.True(result.Diagnostics.IsEmpty);
        Assert.Equal(new[] { "Done" }, result.Spec!.Root.States.Select(s => s.Name));
    }

    [Fact]
    public void AttributeOnStruct_ReturnsNoSpec()
    {
        var result = Parse("[StateMachine] public partial struct M { }");
        Assert.Null(result.Spec);
    }
}
