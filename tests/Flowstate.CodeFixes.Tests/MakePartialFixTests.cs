using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Verify = Flowstate.CodeFixes.Tests.Support.FixTest<Flowstate.CodeFixes.MakePartialCodeFix>;

namespace Flowstate.CodeFixes.Tests;

public class MakePartialFixTests
{
    private const string Id = DiagnosticIds.MachineNotPartial;

    [Fact]
    public Task MachineNotPartial_Fix_AddsPartialBeforeClass()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            /// <summary>Orders.</summary>
            [StateMachine("orders")]
            public sealed class {|FLOW0002:Orders|}
            {
                [Succeed] public class Done;
            }
            """,
            """
            using Flowstate;

            /// <summary>Orders.</summary>
            [StateMachine("orders")]
            public sealed partial class Orders
            {
                [Succeed] public class Done;
            }
            """);

    [Fact]
    public Task MachineWithoutModifiers_Fix_AddsPartialKeepingTheLayout()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("orders")]
            class {|FLOW0002:Orders|}
            {
                [Succeed] public class Done;
            }
            """,
            """
            using Flowstate;

            [StateMachine("orders")]
            partial class Orders
            {
                [Succeed] public class Done;
            }
            """);

    // FLOW0002 on a containing type is reported from the machine's symbol action but located on the
    // container, outside the machine's declaration: a "non-local" diagnostic, which the testing library
    // refuses to fix by default.
    private static Task VerifyNonLocalAsync(string source, string fixedSource)
        => new Verify(source, fixedSource, Id) { CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck }.RunAsync();

    [Fact]
    public Task NestedMachine_FixAll_MakesMachineAndContainersPartial()
        => VerifyNonLocalAsync(
            """
            using Flowstate;

            namespace Demo;

            public static class {|FLOW0002:Workflows|}
            {
                internal class {|FLOW0002:Billing|}
                {
                    [StateMachine("orders")]
                    public class {|FLOW0002:Orders|} { [Succeed] public class Done; }
                }
            }
            """,
            """
            using Flowstate;

            namespace Demo;

            public static partial class Workflows
            {
                internal partial class Billing
                {
                    [StateMachine("orders")]
                    public partial class Orders { [Succeed] public class Done; }
                }
            }
            """);

    [Fact]
    public Task OnlyContainerNotPartial_Fix_LeavesPartialTypesAlone()
        => VerifyNonLocalAsync(
            """
            using Flowstate;

            public class {|FLOW0002:Outer|}
            {
                [StateMachine("a")] public partial class A { [Succeed] public class Done; }
            }
            """,
            """
            using Flowstate;

            public partial class Outer
            {
                [StateMachine("a")] public partial class A { [Succeed] public class Done; }
            }
            """);
}
