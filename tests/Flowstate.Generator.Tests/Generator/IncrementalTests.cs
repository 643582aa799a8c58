using System.Collections;
using System.Reflection;
using Flowstate.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Flowstate.Generator.Tests.Generator;

/// <summary>
/// The pipeline caches: an edit that does not change what the attributes say leaves every tracked
/// step Cached or Unchanged, and no step's output holds a Roslyn object that would pin a compilation.
/// </summary>
public class IncrementalTests
{
    private const string MachineSource = """
        using Flowstate;

        namespace Demo;

        [StateMachine("orders", Comment = "v1")]
        public partial class Orders
        {
            [LambdaInvoke("f", PayloadPath = "$", Next = typeof(Done))]
            [Retry(LambdaErrors.ServiceException, BackoffRate = 2.5)]
            public class Work;

            [Succeed] public class Done;
        }
        """;

    private const string SecondMachineSource = """
        using Flowstate;

        [assembly: FlowstateEntryPoint]

        namespace Demo;

        [StateMachine("billing")]
        public partial class Billing
        {
            [Pass(Result = "{\"a\": [1, 2.0]}", End = true)] public class Only;
        }
        """;

    private const string OtherSource = """
        namespace Demo;

        public class Unrelated
        {
            public int Value => 1;
        }
        """;

    private static string[] AllTrackingNames()
        => typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();

    private static Compilation Edit(Compilation compilation, int treeIndex, Func<SourceText, SourceText> change)
    {
        var tree = compilation.SyntaxTrees.ElementAt(treeIndex);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(change(tree.GetText())));
    }

    private static GeneratorRunResult RunTwice(Compilation first, Compilation second)
    {
        var driver = CompilationGeneratorRunner.CreateDriver();
        driver = driver.RunGenerators(first);
        driver = driver.RunGenerators(second);
        return driver.GetRunResult().Results.Single();
    }

    private static void AssertAllCachedOrUnchanged(GeneratorRunResult result)
    {
        foreach (var name in AllTrackingNames())
        {
            Assert.True(result.TrackedSteps.ContainsKey(name), $"step {name} did not run");
            foreach (var step in result.TrackedSteps[name])
                foreach (var (_, reason) in step.Outputs)
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {name} was {reason}");
        }
        foreach (var output in result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs))
            Assert.Equal(IncrementalStepRunReason.Cached, output.Reason);
    }

    [Fact]
    public void ClonedCompilation_SecondRun_EveryStepCached()
    {
        var compilation = CompilationFactory.Create(MachineSource, SecondMachineSource, OtherSource);
        AssertAllCachedOrUnchanged(RunTwice(compilation, compilation.Clone()));
    }

    [Fact]
    public void EditInOtherFile_SecondRun_EveryStepCachedOrUnchanged()
    {
        var compilation = CompilationFactory.Create(MachineSource, SecondMachineSource, OtherSource);
        var edited = Edit(compilation, 2, t => t.Replace(t.Length, 0, "\npublic class AlsoUnrelated { }\n"));
        AssertAllCachedOrUnchanged(RunTwice(compilation, edited));
    }

    [Fact]
    public void EditAboveMachineInSameFile_ShiftsPositions_EveryStepCachedOrUnchanged()
    {
        // Positions of every attribute move; the parser captures none, so the model is equal.
        var compilation = CompilationFactory.Create(MachineSource, SecondMachineSource, OtherSource);
        var edited = Edit(compilation, 0, t => t.Replace(0, 0, "// a comment\n// and another\n"));
        AssertAllCachedOrUnchanged(RunTwice(compilation, edited));
    }

    [Fact]
    public void EditOfMachineComment_RerendersThatMachineOnly_ManifestUnchanged()
    {
        var compilation = CompilationFactory.Create(MachineSource, SecondMachineSource, OtherSource);
        var edited = Edit(compilation, 0, t => SourceText.From(t.ToString().Replace("Comment = \"v1\"", "Comment = \"v2\"")));
        var result = RunTwice(compilation, edited);

        var parsed = result.TrackedSteps[TrackingNames.ParseStateMachine].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Contains(IncrementalStepRunReason.Modified, parsed);
        var rendered = result.TrackedSteps[TrackingNames.RenderStateMachine].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(1, rendered.Count(r => r == IncrementalStepRunReason.Modified));
        foreach (var step in new[] { TrackingNames.Manifest, TrackingNames.AssemblyOutputs })
            Assert.All(result.TrackedSteps[step].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        Assert.Contains("\"\"Comment\"\": \"\"v2\"\"", result.GeneratedSources.Single(s => s.HintName == "Demo.Orders.g.cs").SourceText.ToString());
    }

    [Fact]
    public void EditOfMachineComment_RewritesTheStackTemplate_OtherMachineCached()
    {
        var compilation = CompilationFactory.Create(MachineSource, SecondMachineSource, OtherSource);
        var edited = Edit(compilation, 0, t => SourceText.From(t.ToString().Replace("Comment = \"v1\"", "Comment = \"v2\"")));
        var result = RunTwice(compilation, edited);

        var machines = result.TrackedSteps[TrackingNames.TemplateMachine].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(1, machines.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, machines.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.All(result.TrackedSteps[TrackingNames.AssemblyDeployment].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.Contains(IncrementalStepRunReason.Modified, result.TrackedSteps[TrackingNames.StackTemplates].SelectMany(s => s.Outputs).Select(o => o.Reason));
        // The rewritten template holds the new definition; the stacks file takes it from the machine's AslJson (StackSpliceTests).
        var templates = (FlowstateGenerator.StackTemplates)result.TrackedSteps[TrackingNames.StackTemplates].Single().Outputs.Single().Value;
        Assert.Contains("\"Comment\": \"v2\"", templates.Stacks.Single().Json);
        Assert.Contains("NestJson(global::Demo.Orders.AslJson, 8)", result.GeneratedSources.Single(s => s.HintName == FlowstateGenerator.StackTemplates.HintName).SourceText.ToString());
    }

    [Fact]
    public void EditOfScheduleOnly_MachineFileUnchanged_TemplateRewritten()
    {
        // A deployment attribute changes the deployment model, not the ASL: the machine's own file stays as it was.
        var withSchedule = MachineSource.Replace("[StateMachine(\"orders\", Comment = \"v1\")]", "[StateMachine(\"orders\", Comment = \"v1\")]\n[Schedule(\"rate(1 day)\")]");
        var compilation = CompilationFactory.Create(withSchedule, SecondMachineSource, OtherSource);
        var edited = Edit(compilation, 0, t => SourceText.From(t.ToString().Replace("rate(1 day)", "rate(2 days)")));
        var result = RunTwice(compilation, edited);

        Assert.All(result.TrackedSteps[TrackingNames.RenderStateMachine].SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        Assert.Contains(IncrementalStepRunReason.Modified, result.TrackedSteps[TrackingNames.TemplateMachine].SelectMany(s => s.Outputs).Select(o => o.Reason));
        Assert.Contains("rate(2 days)", result.GeneratedSources.Single(s => s.HintName == FlowstateGenerator.StackTemplates.HintName).SourceText.ToString());
    }

    [Fact]
    public void EditOfAssemblyDeclaration_OnlyDeploymentStepsRerun()
    {
        var withParameter = "[assembly: Flowstate.FlowstateTag(\"team\", \"a\")]\n" + OtherSource;
        var compilation = CompilationFactory.Create(MachineSource, SecondMachineSource, withParameter);
        var edited = Edit(compilation, 2, t => SourceText.From(t.ToString().Replace("\"a\"", "\"b\"")));
        var result = RunTwice(compilation, edited);

        foreach (var step in new[] { TrackingNames.ParseStateMachine, TrackingNames.RenderStateMachine, TrackingNames.TemplateMachine, TrackingNames.Manifest })
            Assert.All(result.TrackedSteps[step].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        Assert.Contains(IncrementalStepRunReason.Modified, result.TrackedSteps[TrackingNames.AssemblyDeployment].SelectMany(s => s.Outputs).Select(o => o.Reason));
        Assert.Contains(IncrementalStepRunReason.Modified, result.TrackedSteps[TrackingNames.StackTemplates].SelectMany(s => s.Outputs).Select(o => o.Reason));
    }

    [Fact]
    public void StepOutputs_HoldNoRoslynObjects()
    {
        var compilation = CompilationFactory.Create(MachineSource, SecondMachineSource, OtherSource);
        var result = RunTwice(compilation, compilation.Clone());
        var driver = CompilationGeneratorRunner.CreateDriver().RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();

        foreach (var run in new[] { first, result })
            foreach (var name in AllTrackingNames())
                foreach (var step in run.TrackedSteps[name])
                    foreach (var (value, _) in step.Outputs)
                        AssertNoRoslynObjects(value, name);
    }

    private static readonly Type[] Banned =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SemanticModel), typeof(Compilation),
        typeof(Location), typeof(AttributeData), typeof(SyntaxReference),
    };

    private static void AssertNoRoslynObjects(object? root, string step)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object? Value, string Path)>();
        pending.Push((root, step));
        while (pending.Count > 0)
        {
            var (value, path) = pending.Pop();
            if (value is null) continue;
            var type = value.GetType();
            if (type.IsPrimitive || type.IsEnum || value is string || value is decimal) continue;
            Assert.False(Banned.Any(b => b.IsInstanceOfType(value)), $"{path} holds a {type.FullName}");
            Assert.False(type == typeof(SyntaxToken), $"{path} holds a SyntaxToken");
            if (!type.IsValueType && !visited.Add(value)) continue;
            if (value is IEnumerable items)
            {
                var i = 0;
                foreach (var item in items) pending.Push((item, $"{path}[{i++}]"));
            }
            for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    pending.Push((field.GetValue(value), path + "." + field.Name));
        }
    }
}
