using Flowstate.Core.Json;
using Flowstate.Core.Model;

namespace Flowstate.Generator.Tests.Parsing;

public class EscapeHatchParsingTests : ParsingTestBase
{
    [Fact]
    public void AslField_OnState_AppendedToExtrasInOrder()
    {
        var s = Spec("""
            [StateMachine] public partial class M
            {
                [Pass(End = true), AslField("X-Custom", "{\"a\": 1}"), AslField("Other", "\"text\""), AslField("Expr", "{% $x %}")]
                public class A;
            }
            """).Root.States[0];
        Assert.Equal(new[]
        {
            new ExtraField("X-Custom", J("{\"a\": 1}")),
            new ExtraField("Other", S("text")),
            new ExtraField("Expr", S("{% $x %}")),
        }, s.Extras.ToArray());
    }

    [Fact]
    public void RawState_NonObjectOnScopeClass_AppendedAfterNestedStatesAsRaw()
    {
        var spec = Spec("""
            [StateMachine, RawState("Broken", "[1, 2]"), RawState("Nothing", "null")]
            public partial class M { [Succeed] public class Done; }
            """);
        Assert.Equal(new[] { "Done", "Broken", "Nothing" }, spec.Root.States.Select(s => s.Name));
        Assert.Equal(new StateSpec { Name = "Broken", Raw = J("[1, 2]") }, spec.Root.States[1]);
        Assert.Equal(new StateSpec { Name = "Nothing", Raw = JsonValue.Null }, spec.Root.States[2]);
    }

    [Fact]
    public void RawState_OnPlaceholderClass_KeepsItsPositionAndCanBeStart()
    {
        var spec = Spec("""
            [StateMachine] public partial class M
            {
                [RawState("Weird", "42")] public class WeirdPlaceholder;
                [Succeed] public class Done;
            }
            """);
        Assert.Equal(new[] { "Weird", "Done" }, spec.Root.States.Select(s => s.Name));
        Assert.Equal("Weird", spec.Root.StartAt);
    }

    [Fact]
    public void RawState_Object_IsReadLikeAnAslState()
    {
        var spec = Spec("""
            [StateMachine, RawState("Legacy", "{\"Type\": \"Pass\", \"Result\": 1, \"Unknown\": true, \"End\": true}")]
            public partial class M { }
            """);
        var s = spec.Root.States.Single();
        Assert.Equal("Legacy", s.Name);
        Assert.Equal("Pass", s.Type);
        Assert.Equal(N(1), s.Result);
        Assert.True(s.End);
        Assert.Null(s.Raw);
        Assert.Equal(new[] { new ExtraField("Unknown", JsonValue.True) }, s.Extras.ToArray());
    }
}
