using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Flowstate.CodeFixes.Support;
using Flowstate.Core.Deployment;
using Flowstate.Core.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flowstate.CodeFixes;

/// <summary>
/// The unambiguous fixes of a schedule expression or a time-zone name written as a string literal:
/// <c>rate(2 day)</c> -> <c>rate(2 days)</c> and <c>rate(1 days)</c> -> <c>rate(1 day)</c> (FLOW7104), a unit
/// or keyword in the wrong case (FLOW7101, FLOW7105), the '*' that must be '?' in a day field (FLOW7103),
/// and an unknown time zone with a close IANA name (FLOW7107). The fix re-runs the same check on the
/// literal's value and applies the problem's own Replacement, so it can only write what the check proposes;
/// when there is no replacement (nothing close, both day fields set to values), no fix is offered.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeploymentTextCodeFix)), Shared]
public sealed class DeploymentTextCodeFix : CodeFixProvider
{
    // One equivalence key per id ("fix all" applies one kind of fix at a time).
    public const string MalformedKey = DiagnosticIds.ScheduleExpressionMalformed + ".Replace";
    public const string DayFieldsKey = DiagnosticIds.CronDayFields + ".Replace";
    public const string RateUnitNumberKey = DiagnosticIds.RateUnitNumber + ".Replace";
    public const string RateUnitKey = DiagnosticIds.RateValueOrUnitInvalid + ".Replace";
    public const string TimeZoneKey = DiagnosticIds.UnknownTimeZone + ".Replace";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(
        DiagnosticIds.ScheduleExpressionMalformed, DiagnosticIds.CronDayFields, DiagnosticIds.RateUnitNumber,
        DiagnosticIds.RateValueOrUnitInvalid, DiagnosticIds.UnknownTimeZone);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        var diagnostic = context.Diagnostics[0];
        var token = root.FindToken(context.Span.Start);
        if (token.Parent is not LiteralExpressionSyntax literal || !literal.IsKind(SyntaxKind.StringLiteralExpression)) return;
        var text = token.ValueText;
        var problem = diagnostic.Id == DiagnosticIds.UnknownTimeZone
            ? TimeZones.Check(text)
            : Pick(ScheduleExpressions.Parse(text).Problems.Where(p => p.Id == diagnostic.Id && p.Replacement is not null).ToList(), literal, context.Span.Start);
        if (problem?.Replacement is not { } replacement) return;
        var fixedText = text.Substring(0, problem.Offset) + replacement + text.Substring(problem.Offset + problem.Length);
        var title = diagnostic.Id == DiagnosticIds.UnknownTimeZone
            ? $"Use the time zone '{replacement}'"
            : $"Write {fixedText}";
        context.RegisterCodeFix(
            CodeAction.Create(title,
                ct => DocumentEdits.ReplaceAsync(context.Document, literal,
                    SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(fixedText)).WithTriviaFrom(literal), ct),
                diagnostic.Id + ".Replace"),
            diagnostic);
    }

    /// <summary>
    /// The problem the diagnostic is about: the only candidate, or the one whose offset, counted from the
    /// literal's opening quote, is where the diagnostic starts (regular literals without escapes map 1:1).
    /// </summary>
    private static TextProblem? Pick(System.Collections.Generic.List<TextProblem> candidates, LiteralExpressionSyntax literal, int start)
    {
        if (candidates.Count <= 1) return candidates.FirstOrDefault();
        var quote = literal.Token.Text.IndexOf('"');
        return candidates.FirstOrDefault(p => literal.SpanStart + quote + 1 + p.Offset == start);
    }
}
