using Flowstate.Core.Diagnostics;
using Verify = Flowstate.CodeFixes.Tests.Support.FixTest<Flowstate.CodeFixes.TrimPathCodeFix>;

namespace Flowstate.CodeFixes.Tests;

/// <summary>FLOW3018 (issue #11 item 2): whitespace around a path is trimmed where it was written.</summary>
public class TrimPathFixTests
{
    [Fact]
    public Task TrailingSpaceInRawPayload_Fix_TrimsInsideTheLiteral()
        => Verify.VerifyAsync(DiagnosticIds.PathWithSurroundingWhitespace,
            """"
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Parameters = """{ "execution_name.$": {|FLOW3018:"$.execution.name "|}, "id.$": "$.id" }""", End = true)] public class P;
            }
            """",
            """"
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Parameters = """{ "execution_name.$": "$.execution.name", "id.$": "$.id" }""", End = true)] public class P;
            }
            """");

    [Fact]
    public Task SpacesAroundPathInRegularPayload_Fix_TrimsBothEnds()
        => Verify.VerifyAsync(DiagnosticIds.PathWithSurroundingWhitespace,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Parameters = "{\"id.$\": {|FLOW3018:\"  $.order.id \"|}}", End = true)] public class P;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Parameters = "{\"id.$\": \"$.order.id\"}", End = true)] public class P;
            }
            """);

    [Fact]
    public Task TrailingSpaceInInputPathArgument_Fix_TrimsTheArgument()
        => Verify.VerifyAsync(DiagnosticIds.PathWithSurroundingWhitespace,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(InputPath = {|FLOW3018:"$.order "|}, End = true)] public class P;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(InputPath = "$.order", End = true)] public class P;
            }
            """);
}
