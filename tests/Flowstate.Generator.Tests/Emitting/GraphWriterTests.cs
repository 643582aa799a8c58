using Flowstate.Core.Graphs;
using Flowstate.Generator.Emitting;
using Flowstate.Core.Json;
using Flowstate.Core.Model;

namespace Flowstate.Generator.Tests.Emitting;

public class GraphWriterTests
{
    private static StateMachineSpec Machine(params StateSpec[] states) => new()
    {
        Name = "m",
        Root = new ScopeSpec { StartAt = states.Length > 0 ? states[0].Name : null, States = states.ToEquatableArray() },
    };

    private static string[] Lines(string text) => text.Split('\n');

    [Fact]
    public void Mermaid_SimpleChain_HasStartNodesEdgesAndEnd()
    {
        var spec = Machine(
            new StateSpec { Name = "A", Type = "Task", Next = "B" },
            new StateSpec { Name = "B", Type = "Succeed" });

        var mermaid = GraphWriter.ToMermaid(spec);

        Assert.StartsWith("flowchart TD\n", mermaid);
        Assert.EndsWith("\n", mermaid);
        var lines = Lines(mermaid);
        Assert.Contains("    s_A[\"A\"]", lines);
        Assert.Contains("    s_B([\"B\"])", lines);
        Assert.Contains("    fs_start --> s_A", lines);
        Assert.Contains("    s_A --> s_B", lines);
        Assert.Contains("    s_B --> fs_end", lines);
    }

    [Fact]
    public void Mermaid_Catch_IsDashedAndLabelledWithErrors()
    {
        var spec = Machine(
            new StateSpec
            {
                Name = "A", Type = "Task", End = true,
                Catch = EquatableArray.Create(new CatchSpec { ErrorEquals = EquatableArray.Create("E1", "States.Timeout"), Next = "H" }),
            },
            new StateSpec { Name = "H", Type = "Fail" });

        Assert.Contains("    s_A -.->|\"E1, States.Timeout\"| s_H", Lines(GraphWriter.ToMermaid(spec)));
        Assert.Contains("    \"s_A\" -> \"s_H\" [label=\"E1, States.Timeout\", style=dashed];", Lines(GraphWriter.ToDot(spec)));
    }

    [Fact]
    public void Choice_JsonataConditionShort_LabelledWithConditionAndDefault()
    {
        var spec = Machine(
            new StateSpec
            {
                Name = "C", Type = "Choice", Default = "D",
                Choices = EquatableArray.Create(new ChoiceRuleSpec { Condition = JsonValue.String("{% $x > 1 %}"), Next = "D" }),
            },
            new StateSpec { Name = "D", Type = "Succeed" });

        var lines = Lines(GraphWriter.ToMermaid(spec));
        Assert.Contains("    s_C{\"C\"}", lines);
        Assert.Contains("    s_C -->|\"{% $x #gt; 1 %}\"| s_D", lines);
        Assert.Contains("    s_C -->|\"Default\"| s_D", lines);
    }

    [Fact]
    public void Choice_LongCondition_LabelledWithRuleNumber()
    {
        var longCondition = "{% " + new string('x', GraphWriter.MaxConditionLabelLength) + " %}";
        var spec = Machine(
            new StateSpec
            {
                Name = "C", Type = "Choice",
                Choices = EquatableArray.Create(
                    new ChoiceRuleSpec { Condition = JsonValue.String("{% true %}"), Next = "D" },
                    new ChoiceRuleSpec { Condition = JsonValue.String(longCondition), Next = "D" }),
            },
            new StateSpec { Name = "D", Type = "Succeed" });

        Assert.Contains("    s_C -->|\"rule 2\"| s_D", Lines(GraphWriter.ToMermaid(spec)));
        Assert.Contains("    \"s_C\" -> \"s_D\" [label=\"rule 2\"];", Lines(GraphWriter.ToDot(spec)));
    }

    [Fact]
    public void MissingTarget_DrawnAsMissingNodeOnce()
    {
        var spec = Machine(
            new StateSpec { Name = "A", Type = "Pass", Next = "Nowhere" },
            new StateSpec { Name = "B", Type = "Pass", Next = "Nowhere" });

        var mermaid = GraphWriter.ToMermaid(spec);
        Assert.Single(Lines(mermaid), l => l.Contains("[\"Nowhere (missing)\"]"));
        Assert.Contains("    s_B --> s_Nowhere", Lines(mermaid));
        Assert.Contains("class s_Nowhere missing", mermaid);
    }

    [Fact]
    public void Names_SpecialCharacters_EscapedAndIdsSanitizedUnique()
    {
        var spec = Machine(
            new StateSpec { Name = "Say \"hi\" #1 <now> | `x`", Type = "Pass", Next = "a b" },
            new StateSpec { Name = "a b", Type = "Pass", Next = "a_b" },
            new StateSpec { Name = "a_b", Type = "Succeed" });

        var mermaid = Lines(GraphWriter.ToMermaid(spec));
        Assert.Contains("    s_Say__hi___1__now_____x_(\"Say #quot;hi#quot; #35;1 #lt;now#gt; #124; #96;x#96;\")", mermaid);
        Assert.Contains("    s_a_b(\"a b\")", mermaid);
        Assert.Contains("    s_a_b_2([\"a_b\"])", mermaid);
        Assert.Contains("    s_a_b --> s_a_b_2", mermaid);

        var dot = Lines(GraphWriter.ToDot(spec));
        Assert.Contains("    \"s_Say__hi___1__now_____x_\" [label=\"Say \\\"hi\\\" #1 <now> | `x`\", style=\"rounded,dashed\"];", dot);
    }

    [Fact]
    public void Dot_BackslashAndNewLineInLabel_Escaped()
    {
        var spec = Machine(new StateSpec { Name = "a\\b\nc", Type = "Succeed" });
        Assert.Contains("label=\"a\\\\b c\"", GraphWriter.ToDot(spec));
        Assert.Contains("([\"a\\b c\"])", GraphWriter.ToMermaid(spec));
    }

    [Fact]
    public void Dot_MachineNameQuoted()
    {
        var spec = Machine(new StateSpec { Name = "A", Type = "Succeed" }) with { Name = "my \"m\"" };
        Assert.StartsWith("digraph \"my \\\"m\\\"\" {\n", GraphWriter.ToDot(spec));
    }

    [Fact]
    public void Map_ProcessorIsSubgraphWithStartMarker()
    {
        var spec = Machine(
            new StateSpec
            {
                Name = "Each", Type = "Map", End = true,
                Processor = new ScopeSpec
                {
                    StartAt = "Second",
                    States = EquatableArray.Create(new StateSpec { Name = "First", Type = "Pass", End = true }, new StateSpec { Name = "Second", Type = "Pass", Next = "First" }),
                },
            });

        var mermaid = Lines(GraphWriter.ToMermaid(spec));
        Assert.Contains("    subgraph s_Each [\"Each (Map)\"]", mermaid);
        Assert.Contains("        s_Each_items_start((\"start\"))", mermaid);
        Assert.Contains("    s_Each_items_start --> s_Second", mermaid);
        Assert.Contains("    s_Second --> s_First", mermaid);
        Assert.Contains("    s_Each --> fs_end", mermaid);

        var dot = Lines(GraphWriter.ToDot(spec));
        Assert.Contains("    subgraph \"cluster_s_Each\" {", dot);
        Assert.Contains("    \"s_Each\" -> \"fs_end\" [ltail=\"cluster_s_Each\"];", dot);
    }

    [Fact]
    public void Parallel_WithoutBranches_IsPlainNode()
    {
        var spec = Machine(new StateSpec { Name = "P", Type = "Parallel", Branches = EquatableArray<ScopeSpec>.Empty, End = true });
        Assert.Contains("    s_P[[\"P\"]]", Lines(GraphWriter.ToMermaid(spec)));
        Assert.Contains("    \"s_P\" [label=\"P\", shape=box3d, style=solid];", Lines(GraphWriter.ToDot(spec)));
    }

    [Fact]
    public void RawState_DrawnAsPlainNode()
    {
        var spec = Machine(new StateSpec { Name = "R", Raw = JsonValue.Number(1) });
        Assert.Contains("    s_R[\"R\"]", Lines(GraphWriter.ToMermaid(spec)));
    }

    [Fact]
    public void EmptyMachine_OnlyStartMarker()
    {
        var spec = new StateMachineSpec { Name = "m", Root = new ScopeSpec() };
        Assert.Equal("flowchart TD\n    fs_start((\"Start\"))\n    classDef terminal fill:#222,stroke:#222,color:#fff\n    class fs_start terminal\n", GraphWriter.ToMermaid(spec));
    }

    [Fact]
    public void Output_SameSpecTwice_Identical()
    {
        var spec = Machine(
            new StateSpec { Name = "A", Type = "Pass", Next = "B" },
            new StateSpec { Name = "B", Type = "Succeed" });
        Assert.Equal(GraphWriter.ToMermaid(spec), GraphWriter.ToMermaid(spec with { }));
        Assert.Equal(GraphWriter.ToDot(spec), GraphWriter.ToDot(spec with { }));
    }

    [Fact]
    public void DuplicateStateNames_EachStateKeepsItsOwnNodeAndEdges()
    {
        var spec = Machine(
            new StateSpec { Name = "A", Type = "Pass", Next = "B" },
            new StateSpec { Name = "A", Type = "Pass", Next = "C" },
            new StateSpec { Name = "B", Type = "Succeed" },
            new StateSpec { Name = "C", Type = "Succeed" });

        var lines = Lines(GraphWriter.ToMermaid(spec));
        Assert.Contains("    s_A(\"A\")", lines);
        Assert.Contains("    s_A_2(\"A\")", lines);
        Assert.Contains("    s_A --> s_B", lines);
        Assert.Contains("    s_A_2 --> s_C", lines);
    }
}
