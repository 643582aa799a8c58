using System.Globalization;
using Flowstate.Generator.Tests.Support;
using static Flowstate.Generator.Tests.Analyzers.AnalyzerVerifier;

namespace Flowstate.Generator.Tests.Analyzers;

/// <summary>
/// Issue 11, items 16 and 17: nothing a project declares goes missing from `list` and `export`
/// without a word. FLOW0011: two machines with one name (explicit or the class name by default, or
/// names that are one file on Windows and macOS) — one would replace the other. FLOW0010: a machine
/// the generated manifest cannot list (generic, or not visible assembly-wide).
/// </summary>
public class MachineListingTests
{
    private static IReadOnlyList<string> Messages(string source, string id)
        => CompilationAnalyzerRunner.Run(CompilationFactory.Create(Usings + source))
            .Where(d => d.Id == id).Select(d => d.GetMessage(CultureInfo.InvariantCulture)).ToList();

    // ---- FLOW0011 ----

    [Fact]
    public Task Flow0011_SameExplicitName_OnEachNameArgument()
        => VerifyAsync("""
            [StateMachine({|FLOW0011:"orders"|})] public partial class A { [Succeed] public class Done; }
            [StateMachine(Name = {|FLOW0011:"orders"|}, Comment = "x")] public partial class B { [Succeed] public class Done; }
            """);

    [Fact]
    public Task Flow0011_SameDefaultName_OnEachClassName()
        => VerifyAsync("""
            [StateMachine] public partial class {|FLOW0011:Orders|} { [Succeed] public class Done; }
            public partial class Outer { [StateMachine] public partial class {|FLOW0011:Orders|} { [Succeed] public class Done; } }
            """);

    [Fact]
    public Task Flow0011_ExplicitNameEqualToAnotherClassName_OnBoth()
        => VerifyAsync("""
            [StateMachine] public partial class {|FLOW0011:Orders|} { [Succeed] public class Done; }
            [StateMachine({|FLOW0011:"Orders"|})] public partial class Billing { [Succeed] public class Done; }
            """);

    [Fact]
    public Task Flow0011_NamesDifferingOnlyInCase_OnBoth()
        => VerifyAsync("""
            [StateMachine({|FLOW0011:"orders"|})] public partial class A { [Succeed] public class Done; }
            [StateMachine({|FLOW0011:"ORDERS"|})] public partial class B { [Succeed] public class Done; }
            """);

    [Fact]
    public Task Flow0011_ThreeMachinesOneName_OnAllThree()
        => VerifyAsync("""
            [StateMachine({|FLOW0011:"x"|})] public partial class A { [Succeed] public class Done; }
            [StateMachine({|FLOW0011:"x"|})] public partial class B { [Succeed] public class Done; }
            [StateMachine({|FLOW0011:"x"|})] public partial class C { [Succeed] public class Done; }
            """);

    [Fact]
    public Task Flow0011_DistinctNames_NotReported()
        => VerifyAsync("""
            [StateMachine("orders")] public partial class A { [Succeed] public class Done; }
            [StateMachine("orders-v2")] public partial class B { [Succeed] public class Done; }
            [StateMachine] public partial class Orders2 { [Succeed] public class Done; }
            public partial class Outer { [StateMachine] public partial class Billing { [Succeed] public class Done; } }
            """);

    [Fact]
    public void Flow0011_Message_NamesTheOtherClassAndWhy()
    {
        var messages = Messages("""
            [StateMachine("orders")] public partial class A { [Succeed] public class Done; }
            [StateMachine("Orders")] public partial class B { [Succeed] public class Done; }
            """, "FLOW0011");
        Assert.Equal(
            new[]
            {
                "State machine 'orders' of 'Demo.A' has the same name as 'Orders' of 'Demo.B', ignoring case; export would write both to one file, and one would replace the other; give each state machine its own name",
                "State machine 'Orders' of 'Demo.B' has the same name as 'orders' of 'Demo.A', ignoring case; export would write both to one file, and one would replace the other; give each state machine its own name",
            },
            messages);
    }

    // ---- FLOW0010 ----

    [Fact]
    public Task Flow0010_GenericMachine_OnClassName()
        => VerifyAsync("[StateMachine] public partial class {|FLOW0010:Generic|}<T> { [Succeed] public class Done; }");

    [Fact]
    public Task Flow0010_MachineNestedInGenericClass_OnClassName()
        => VerifyAsync("public partial class Outer<T> { [StateMachine] public partial class {|FLOW0010:Inner|} { [Succeed] public class Done; } }");

    [Fact]
    public Task Flow0010_PrivateMachine_OnClassName()
        => VerifyAsync("public partial class Outer { [StateMachine] private partial class {|FLOW0010:Hidden|} { [Succeed] public class Done; } }");

    [Fact]
    public Task Flow0010_MachineInProtectedClass_OnClassName()
        => VerifyAsync("public partial class Outer { protected partial class Middle { [StateMachine] public partial class {|FLOW0010:Inner|} { [Succeed] public class Done; } } }");

    [Fact]
    public Task Flow0010_InternalAndProtectedInternalNested_NotReported()
        => VerifyAsync("""
            public partial class Outer
            {
                [StateMachine] internal partial class A { [Succeed] public class Done; }
                [StateMachine] protected internal partial class B { [Succeed] public class Done; }
            }
            [StateMachine] internal partial class C { [Succeed] public class Done; }
            """);

    [Fact]
    public void Flow0010_Messages_SayWhyAndWhatToDo()
    {
        Assert.Equal(
            "State machine 'Generic' ('Demo.Generic<T>') is left out of the assembly's list of state machines, so list, export and graph do not show it: 'Demo.Generic<T>' is generic, and a generic class has no single definition to export; declare the state machine in a class that is not generic",
            Assert.Single(Messages("[StateMachine] public partial class Generic<T> { [Succeed] public class Done; }", "FLOW0010")));
        Assert.Equal(
            "State machine 'Hidden' ('Demo.Outer.Hidden') is left out of the assembly's list of state machines, so list, export and graph do not show it: 'Demo.Outer.Hidden' is private, and the generated list can only reach classes visible to the whole assembly; make it internal or public",
            Assert.Single(Messages("public partial class Outer { [StateMachine] private partial class Hidden { [Succeed] public class Done; } }", "FLOW0010")));
    }
}
