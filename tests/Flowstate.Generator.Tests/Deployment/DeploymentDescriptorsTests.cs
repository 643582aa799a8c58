using Flowstate.Core.Deployment;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Core.Model;

namespace Flowstate.Generator.Tests.Deployment;

public class DeploymentSyntaxRulesTests
{
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Generator.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return dir!.FullName;
    }

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var d in Descriptors.DeploymentSyntaxRules) data.Add(d.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_HasDocPageIndexRowReleaseEntryAndRange(string id)
    {
        var root = RepoRoot();
        var page = Path.Combine(root, "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"missing {page}");
        Assert.StartsWith("# " + id + ":", File.ReadAllText(page), StringComparison.Ordinal);
        Assert.Contains($"[{id}]({id}.md)", File.ReadAllText(Path.Combine(root, "docs", "diagnostics", "README.md")), StringComparison.Ordinal);
        var descriptor = Descriptors.FindDeploymentRule(id)!;
        var release = File.ReadAllLines(Path.Combine(root, "src", "Flowstate.Generator", "Diagnostics", "AnalyzerReleases.Unshipped.md"));
        Assert.Contains($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} | {descriptor.Title}", release);
        Assert.EndsWith("/docs/diagnostics/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.InRange(int.Parse(id.Substring(4), System.Globalization.CultureInfo.InvariantCulture), 7101, 7129);
        Assert.Equal("{0}", descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void DeploymentIds_AreNotClaimedByTheStateMachineRules()
    {
        // The deployment analyzer reports them; the model rules' list must not (the rule coverage test would then ask for C# tests there).
        Assert.DoesNotContain(Descriptors.RuleDescriptors, d => Descriptors.FindDeploymentRule(d.Id) is not null);
        Assert.Contains(Descriptors.DeploymentSyntaxRules, d => d.Id == DiagnosticIds.UnknownTimeZone);
    }

    [Fact]
    public void TextProblem_ToDiagnostic_PlacesTheCharactersInsideTheField()
    {
        var problem = Assert.Single(ScheduleExpressions.Parse("rate(2 day)").Problems);
        var field = new SourceRef("Etl.cs", 100, 13, 4, 20, 4, 33);
        var placed = problem.ToDiagnostic(field, (f, offset, length) => new SourceRef(f.FilePath, f.Start + 1 + offset, length, f.StartLine, f.StartColumn + 1 + offset, f.EndLine, f.StartColumn + 1 + offset + length));
        Assert.Equal(DiagnosticIds.RateUnitNumber, placed.Id);
        Assert.Equal((108, 3), (placed.Location.Start, placed.Location.Length));
        Assert.Equal(problem.Message, Assert.Single(placed.MessageArgs));
        // Without a resolver (or when it cannot place them): on the field.
        Assert.Equal(field, problem.ToDiagnostic(field, null).Location);
        Assert.Equal(field, problem.ToDiagnostic(field, (_, _, _) => default).Location);
    }
}

/// <summary>The FLOW70xx rules the analyzer reports: each has its page, index row and release row.</summary>
public class DeploymentModelRulesTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var d in new Flowstate.Generator.Analyzers.StateMachineAnalyzer().SupportedDiagnostics)
            if (d.Id.StartsWith("FLOW70", StringComparison.Ordinal)) data.Add(d.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void ReportedRule_HasDocPageIndexRowAndReleaseEntry(string id)
    {
        var root = Flowstate.Generator.Tests.Analyzers.DeclarationTests.RepositoryRoot();
        var page = Path.Combine(root, "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"missing {page}");
        var text = File.ReadAllText(page);
        var descriptor = Descriptors.Find(id)!;
        Assert.StartsWith($"# {id}: {descriptor.Title}", text, StringComparison.Ordinal);
        Assert.Contains($"| {descriptor.DefaultSeverity} | `{descriptor.Category}` |", text, StringComparison.Ordinal);
        foreach (var section in new[] { "## Why", "## Example", "## Fix" }) Assert.Contains(section, text, StringComparison.Ordinal);
        Assert.Contains($"| [{id}]({id}.md) | {descriptor.DefaultSeverity} | {descriptor.Title} |", File.ReadAllText(Path.Combine(root, "docs", "diagnostics", "README.md")), StringComparison.Ordinal);
        var release = File.ReadAllLines(Path.Combine(root, "src", "Flowstate.Generator", "Diagnostics", "AnalyzerReleases.Unshipped.md"));
        Assert.Contains($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} | {descriptor.Title}", release);
        Assert.EndsWith("/docs/diagnostics/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Fact]
    public void S3TriggerPage_SaysTheBucketNeedsEventBridgeNotifications()
    {
        var text = File.ReadAllText(Path.Combine(Flowstate.Generator.Tests.Analyzers.DeclarationTests.RepositoryRoot(), "docs", "diagnostics", "FLOW7017.md"));
        Assert.Contains("EventBridge notifications turned on", text, StringComparison.Ordinal);
        Assert.Contains("EventBridgeConfiguration", text, StringComparison.Ordinal);
    }
}
