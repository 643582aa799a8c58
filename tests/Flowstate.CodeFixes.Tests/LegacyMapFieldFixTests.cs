using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Verify = Flowstate.CodeFixes.Tests.Support.FixTest<Flowstate.CodeFixes.LegacyMapFieldCodeFix>;

namespace Flowstate.CodeFixes.Tests;

public class LegacyMapFieldFixTests
{
    private const string Id = DiagnosticIds.LegacyMapField;

    [Fact]
    public Task UseIterator_Fix_RemovesIt()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Map(ItemsPath = "$.items", UseIterator = {|FLOW6004:true|}, End = true)]
                public class Each { [Succeed] public class Done; }
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Map(ItemsPath = "$.items", End = true)]
                public class Each { [Succeed] public class Done; }
            }
            """);

    [Fact]
    public Task MapParameters_Fix_RenamesToItemSelector()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Map(ItemsPath = "$.items", Parameters = {|FLOW6004:"{\"item.$\": \"$.value\"}"|}, End = true)]
                public class Each { [Succeed] public class Done; }
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Map(ItemsPath = "$.items", ItemSelector = "{\"item.$\": \"$.value\"}", End = true)]
                public class Each { [Succeed] public class Done; }
            }
            """);

    [Fact]
    public Task BothLegacyFields_FixAll_ModernizesBoth()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Map(UseIterator = {|FLOW6004:true|}, Parameters = {|FLOW6004:"{}"|}, End = true)]
                public class Each { [Succeed] public class Done; }
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Map(ItemSelector = "{}", End = true)]
                public class Each { [Succeed] public class Done; }
            }
            """);
}
