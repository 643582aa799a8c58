using Flowstate.CodeFixes.Tests.Support;
using Flowstate.Core.Deployment;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Flowstate.CodeFixes.Tests;

/// <summary>
/// The schedule-expression and time-zone fixes, on a diagnostic placed the way the deployment analyzer
/// places it (the problem's characters inside the string literal). The attribute here is a stand-in
/// declared in the test source: the fix depends only on the literal.
/// </summary>
public class DeploymentTextFixTests
{
    private const string Template = """
        using System;
        [AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
        class ScheduleAttribute : Attribute
        {
            public ScheduleAttribute(string expression) { }
            public string? TimeZone { get; set; }
        }

        [Schedule(EXPR, TimeZone = ZONE)]
        class Pipeline { }
        """;

    private static async Task<(IReadOnlyList<string> Titles, string? Fixed)> FixAsync(string expression, string zone, bool onZone)
    {
        var source = Template.Replace("EXPR", "\"" + expression + "\"").Replace("ZONE", "\"" + zone + "\"");
        var text = onZone ? zone : expression;
        var problem = onZone ? TimeZones.Check(zone) : ScheduleExpressions.Parse(expression).Problems.FirstOrDefault();
        Assert.NotNull(problem);
        var literalStart = source.IndexOf("\"" + text + "\"", source.IndexOf("[Schedule(", StringComparison.Ordinal), StringComparison.Ordinal);
        using var workspace = new AdhocWorkspace();
        var document = DirectFix.CreateDocument(workspace, source);
        var tree = (await document.GetSyntaxTreeAsync())!;
        var diagnostic = Diagnostic.Create(Descriptors.FindDeploymentRule(problem!.Id)!, Location.Create(tree, new TextSpan(literalStart + 1 + problem.Offset, problem.Length)), problem.Message);
        var actions = await DirectFix.ActionsAsync(new DeploymentTextCodeFix(), document, diagnostic);
        if (actions.Count == 0) return (Array.Empty<string>(), null);
        var result = await DirectFix.ApplyAsync(actions[0], document);
        return (actions.Select(a => a.Title).ToList(), result);
    }

    [Theory]
    [InlineData("rate(2 day)", "rate(2 days)", "Write rate(2 days)")]
    [InlineData("rate(1 days)", "rate(1 day)", "Write rate(1 day)")]
    [InlineData("rate(15 Minutes)", "rate(15 minutes)", "Write rate(15 minutes)")]
    [InlineData("Cron(0 2 * * ? *)", "cron(0 2 * * ? *)", "Write cron(0 2 * * ? *)")]
    [InlineData("cron(0 2 * * MON-FRI *)", "cron(0 2 ? * MON-FRI *)", "Write cron(0 2 ? * MON-FRI *)")]
    public async Task Expression_IsRepaired(string before, string after, string title)
    {
        var (titles, result) = await FixAsync(before, "Europe/Berlin", onZone: false);
        Assert.Equal(new[] { title }, titles);
        Assert.Contains($"[Schedule(\"{after}\", TimeZone = \"Europe/Berlin\")]", result, StringComparison.Ordinal);
        Assert.True(ScheduleExpressions.Parse(after).IsValid);
    }

    [Theory]
    [InlineData("Europe/Berln", "Europe/Berlin")]
    [InlineData("america/new york", "America/New_York")]
    public async Task TimeZone_TakesTheSuggestion(string before, string after)
    {
        var (titles, result) = await FixAsync("rate(1 day)", before, onZone: true);
        Assert.Equal(new[] { $"Use the time zone '{after}'" }, titles);
        Assert.Contains($"TimeZone = \"{after}\"", result, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cron(0 2 1 * MON *)", false)] // both day fields set: which one was meant is the author's call
    [InlineData("rate(2 fortnights)", false)]
    [InlineData("rate(1 day)", true)]          // Mars/Olympus has no close name
    public async Task NoUnambiguousFix_NoAction(string expression, bool onZone)
    {
        var (titles, _) = await FixAsync(expression, onZone ? "Mars/Olympus" : "UTC", onZone);
        Assert.Empty(titles);
    }
}
