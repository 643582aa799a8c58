using System.Text;
using System.Text.Json;
using Flowstate.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Flowstate.Generator.Tests.Deployment;

/// <summary>
/// CloudFormation's limits and duplicate logical ids, reported by the generator where it writes the
/// template (FLOW7012 resources, FLOW7013 template over 1 MB, FLOW7014 over 51,200 bytes, FLOW7018 duplicate
/// logical id), on the [assembly: FlowstateStack], the class, or the declaring attribute. Each fires on the
/// smallest source past the limit and stays silent on the largest one within it.
/// </summary>
public class StackLimitsTests
{
    private static IReadOnlyList<Diagnostic> Run(string source, out CompilationGeneratorRunner.Run run)
    {
        run = CompilationGeneratorRunner.Execute(source);
        Assert.Null(run.GeneratorException);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "FLOW0001");
        return run.GeneratorDiagnostics.Where(d => d.Id.StartsWith("FLOW70", StringComparison.Ordinal)).ToList();
    }

    private static string LineOf(Diagnostic d) => d.Location.GetLineSpan().Path + ":" + (d.Location.GetLineSpan().StartLinePosition.Line + 1);

    // machine + its role + N schedules + the schedules' role = N + 3 resources.
    private static string Scheduled(int schedules)
    {
        var sb = new StringBuilder();
        sb.AppendLine("using Flowstate;");
        sb.AppendLine("[assembly: FlowstateStack(\"big\")]");
        sb.AppendLine("namespace Demo;");
        for (var i = 0; i < schedules; i++) sb.AppendLine("[Schedule(\"rate(1 hour)\")]");
        sb.AppendLine("[StateMachine(\"big\")] public partial class Big { [Pass(End = true)] public class Only; }");
        return sb.ToString();
    }

    [Fact]
    public void Flow7012_501Resources_OnTheStackAttribute()
    {
        // The template (about 260 KB) is also over the inline limit: FLOW7014 fires too, as it should.
        var found = Run(Scheduled(498), out _);
        Assert.Contains(found, d => d.Id == "FLOW7014");
        var d = Assert.Single(found, d => d.Id == "FLOW7012");
        Assert.Equal("FLOW7012", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("Stack 'big' would hold 501 resources; CloudFormation allows 500 per stack: move machines to another stack with [InStack]", d.GetMessage());
        Assert.Equal(2, d.Location.GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public void Flow7012_500Resources_NotReported()
        => Assert.DoesNotContain(Run(Scheduled(497), out _), d => d.Id == "FLOW7012");

    // One Pass state with a Comment of the given length: the template grows by about that many bytes.
    private static string Commented(int length)
        => "using Flowstate;\nnamespace Demo;\n[StateMachine(\"wordy\")]\npublic partial class Wordy { [Pass(Comment = \"" + new string('x', length) + "\", End = true)] public class Only; }\n";

    [Fact]
    public void Flow7013_TemplateOver1MB_OnTheFirstMachineOfAnUndeclaredStack()
    {
        var found = Run(Commented(1_048_576), out _);
        var d = Assert.Single(found);
        Assert.Equal("FLOW7013", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.StartsWith("The template of stack 'tests' is 1,0", d.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(4, d.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Equal(21, d.Location.GetLineSpan().StartLinePosition.Character); // the class name "Wordy"
    }

    [Fact]
    public void Flow7014_TemplateOver51200Bytes_IsInfo()
    {
        var found = Run(Commented(51_200), out _);
        var d = Assert.Single(found);
        Assert.Equal("FLOW7014", d.Id);
        Assert.Equal(DiagnosticSeverity.Info, d.Severity);
        Assert.Contains("more than the 51,200 bytes CloudFormation accepts inline", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Flow7013And7014_TemplateUnder51200Bytes_NotReported()
    {
        // The template around a 45,000-character comment stays under 51,200 bytes.
        var found = Run(Commented(45_000), out var run);
        Assert.Empty(found);
        var stack = Assert.Single(CompilationGeneratorRunner.Stacks(CompilationGeneratorRunner.Load(run.Output)));
        Assert.InRange(Encoding.UTF8.GetByteCount(stack.TemplateJson), 45_000, 51_200);
    }

    [Fact]
    public void Flow7018_TwoClassesWithOneName_OnBothClasses_TemplateStaysWellFormed()
    {
        const string source = """
            using Flowstate;
            namespace Billing { [StateMachine("billing-orders")] public partial class Orders { [Pass(End = true)] public class Only; } }
            namespace Shipping { [StateMachine("shipping-orders")] public partial class Orders { [Pass(End = true)] public class Only; } }
            """;
        var found = Run(source, out var run);
        Assert.Equal(2, found.Count);
        Assert.All(found, d => Assert.Equal("FLOW7018", d.Id));
        Assert.All(found, d => Assert.Equal("class Billing.Orders and class Shipping.Orders both become the CloudFormation logical id 'Orders' in stack 'tests'; rename one", d.GetMessage()));
        Assert.Equal(new[] { 2, 3 }, found.Select(d => d.Location.GetLineSpan().StartLinePosition.Line + 1).Order());
        var stack = Assert.Single(CompilationGeneratorRunner.Stacks(CompilationGeneratorRunner.Load(run.Output)));
        using var json = JsonDocument.Parse(stack.TemplateJson);
        var resources = json.RootElement.GetProperty("Resources");
        Assert.True(resources.TryGetProperty("Orders", out _));
        Assert.True(resources.TryGetProperty("Orders2", out _));
    }

    [Fact]
    public void Flow7018_ParameterNamedLikeFlowstatesOwn_OnTheParameter()
    {
        const string source = """
            using Flowstate;
            [assembly: FlowstateParameter("StateMachineNameSuffix")]
            namespace Demo;
            [StateMachine("m")] public partial class M { [Task("${StateMachineNameSuffix}", End = true)] public class Only; }
            """;
        var d = Assert.Single(Run(source, out _));
        Assert.Equal("FLOW7018", d.Id);
        Assert.Contains("parameter 'StateMachineNameSuffix'", d.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(2, d.Location.GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public void Flow7018_TopicAndClassWithOneName_OnBoth()
    {
        const string source = """
            using Flowstate;
            [assembly: FlowstateTopic("Alerts")]
            namespace Demo;
            [StateMachine("alerts")] [NotifyOnFailure("Alerts")] public partial class Alerts { [Pass(End = true)] public class Only; }
            """;
        var found = Run(source, out _);
        Assert.Equal(2, found.Count);
        Assert.All(found, d => Assert.Equal("topic 'Alerts' and class Demo.Alerts both become the CloudFormation logical id 'Alerts' in stack 'tests'; rename one", d.GetMessage()));
        Assert.Equal(new[] { 2, 4 }, found.Select(d => d.Location.GetLineSpan().StartLinePosition.Line + 1).Order());
    }

    [Fact]
    public void Flow7018_DistinctNames_NotReported()
    {
        const string source = """
            using Flowstate;
            [assembly: FlowstateTopic("AlertTopic")]
            namespace Billing { [StateMachine("billing-orders")] [NotifyOnFailure("AlertTopic")] public partial class BillingOrders { [Pass(End = true)] public class Only; } }
            namespace Shipping { [StateMachine("shipping-orders")] public partial class ShippingOrders { [Pass(End = true)] public class Only; } }
            """;
        Assert.Empty(Run(source, out _));
    }
}
