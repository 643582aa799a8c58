using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flowstate.CodeFixes.Support;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Flowstate.CodeFixes;

/// <summary>
/// FLOW6001, a Lambda task without a retrier for the transient Lambda errors: add, before the
/// existing retriers, the retrier the Step Functions console (Workflow Studio) gives every new
/// Lambda Invoke state:
/// <c>[Retry(LambdaErrors.ServiceException, LambdaErrors.AwsLambdaException, LambdaErrors.SdkClientException,
/// LambdaErrors.TooManyRequestsException, IntervalSeconds = 1, MaxAttempts = 3, BackoffRate = 2,
/// JitterStrategy = JitterStrategy.Full)]</c>.
/// Only the errors no retrier covers yet are listed (so no existing retrier becomes dead), and an
/// error a retrier deliberately never retries (<c>MaxAttempts = 0</c>) is left alone.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LambdaRetryCodeFix)), Shared]
public sealed class LambdaRetryCodeFix : CodeFixProvider
{
    public const string Key = DiagnosticIds.LambdaWithoutTransientRetry + ".AddRetry";

    /// <summary>The transient errors, in the console's order, with the <c>LambdaErrors</c> constant naming each.</summary>
    internal static readonly (string Error, string Constant)[] TransientErrors =
    {
        ("Lambda.ServiceException", "ServiceException"),
        ("Lambda.AWSLambdaException", "AwsLambdaException"),
        ("Lambda.SdkClientException", "SdkClientException"),
        ("Lambda.TooManyRequestsException", "TooManyRequestsException"),
    };

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.LambdaWithoutTransientRetry);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        var node = root.FindNode(context.Span, getInnermostNodeForTie: true);
        var state = FlowstateClass.StateFor(node, model, context.CancellationToken, AttributeRole.Retry, AttributeRole.Catch);
        if (state?.StateAttribute is not { } stateAttribute) return;

        var missing = MissingErrors(state, model, context.CancellationToken);
        if (missing.Count == 0) return;

        var retry = RetryAttribute(missing);
        var retriers = state.OfRole(AttributeRole.Retry).ToList();
        var lists = state.Declaration.AttributeLists;
        var index = retriers.Count > 0 ? lists.IndexOf(retriers[0].List) : lists.IndexOf(stateAttribute.List) + 1;
        var edited = AttributeEdits.InsertAttributeList(state.Declaration, index, retry);
        var what = missing.Count == TransientErrors.Length ? "the transient Lambda errors" : string.Join(", ", missing.Select(m => m.Error));

        context.RegisterCodeFix(
            CodeAction.Create(
                $"Add [Retry] for {what} (1 s interval, 3 attempts, backoff 2, full jitter)",
                ct => DocumentEdits.ReplaceAsync(context.Document, state.Declaration, edited, ct),
                Key),
            context.Diagnostics[0]);
    }

    /// <summary>The transient errors no retrier of the state handles, minus those a retrier explicitly never retries.</summary>
    private static List<(string Error, string Constant)> MissingErrors(FlowstateClass state, SemanticModel model, CancellationToken cancellationToken)
    {
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var retry in state.OfRole(AttributeRole.Retry))
        {
            if (ErrorList.Read(retry, model, cancellationToken) is not { } errors) continue;
            var names = errors.Errors.Select(e => e.Name).Where(n => n is not null).Select(n => n!).ToList();
            // States.ALL and States.TaskFailed already cover every Lambda error.
            if (names.Contains("States.ALL") || names.Contains("States.TaskFailed")) return new();
            // A retrier with MaxAttempts = 0 says "do not retry these": adding a retrier for them before it would override that.
            covered.UnionWith(names);
        }
        return TransientErrors.Where(e => !covered.Contains(e.Error)).ToList();
    }

    private static AttributeListSyntax RetryAttribute(IEnumerable<(string Error, string Constant)> errors)
    {
        var text = "[global::Flowstate.Retry("
                   + string.Join(", ", errors.Select(e => "global::Flowstate.LambdaErrors." + e.Constant))
                   + ", IntervalSeconds = 1, MaxAttempts = 3, BackoffRate = 2, JitterStrategy = global::Flowstate.JitterStrategy.Full)]";
        var list = (AttributeListSyntax)SyntaxFactory.ParseCompilationUnit(text + " class C { }").Members[0].AttributeLists[0];
        // The simplifier shortens the names wherever 'using Flowstate;' is in scope, and leaves them qualified where it is not.
        return list.WithoutTrivia().WithAdditionalAnnotations(Simplifier.Annotation);
    }
}
