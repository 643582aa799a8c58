using System;
using System.Collections.Generic;
using System.Linq;
using Flowstate.Core.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using static Flowstate.Core.Validation.ValidationContext;
using Flowstate.Core.Asl;
using StateTypes = Flowstate.Core.Asl.AslVocabulary.StateTypes;

namespace Flowstate.Core.Validation;

/// <summary>FLOW6xxx suggestions: Lambda transient-error retries, Task timeouts, Choice defaults, legacy Map fields, placeholders.</summary>
internal static class BestPracticeRules
{
    internal static readonly IReadOnlyList<string> TransientLambdaErrors = AslVocabulary.LambdaTransientErrors;

    public static void Run(ValidationContext ctx)
    {
        foreach (var state in ctx.States)
        {
            ctx.CancellationToken.ThrowIfCancellationRequested();
            var s = state.Spec;
            switch (s.Type)
            {
                case StateTypes.Task:
                    var resource = ResourceInfo.Parse(s.Resource);
                    CheckLambdaRetry(ctx, state, resource);
                    CheckTimeout(ctx, state, resource);
                    break;
                case StateTypes.Choice:
                    if (s.Default is null && s.Choices is { Count: > 0 } && GraphRules.FindExtra(s.Extras, "Default") is null)
                        ctx.Report(Rules.ChoiceWithoutDefault, First(Find(s.FieldLocations, "Choices"), s.Location), s.Name);
                    break;
                case StateTypes.Map:
                    if (s.Processor is not null && s.ProcessorIsIterator)
                        ctx.Report(Rules.LegacyMapField, At(s, "Iterator"), s.Name, "Iterator", "ItemProcessor");
                    if (s.Parameters is not null && s.ItemSelector is null)
                        ctx.Report(Rules.LegacyMapField, At(s, "Parameters"), s.Name, "Parameters", "ItemSelector");
                    break;
            }
        }
        CheckPlaceholders(ctx);
    }

    private static void CheckLambdaRetry(ValidationContext ctx, StateInfo state, ResourceInfo info)
    {
        var s = state.Spec;
        var isLambda = info.Kind == ResourceKind.LambdaFunction
                       || (info.Kind == ResourceKind.ServiceIntegration && info.Service == "lambda" && info.Action == "invoke");
        if (!isLambda) return;
        if (s.Retry is { } retriers)
        {
            foreach (var r in retriers)
            {
                // States.TaskFailed matches every task error except States.Timeout; States.ALL matches everything.
                if (Counts(r) && (r.ErrorEquals!.Value.Contains("States.ALL") || r.ErrorEquals.Value.Contains("States.TaskFailed"))) return;
            }
        }
        // The transient errors no retrier names (a retrier with MaxAttempts 0 never retries); the list is
        // built only when one is missing.
        List<string>? missing = null;
        foreach (var error in TransientLambdaErrors)
        {
            var covered = false;
            if (s.Retry is { } all)
                foreach (var r in all)
                    if (Counts(r) && r.ErrorEquals!.Value.Contains(error)) { covered = true; break; }
            if (!covered) (missing ??= new List<string>()).Add(error);
        }
        if (missing is null) return;
        ctx.Report(Rules.LambdaWithoutTransientRetry, s.Retry is null ? At(s, "Resource") : At(s, "Retry"), s.Name, string.Join(", ", missing));

        static bool Counts(RetrySpec r) => r.ErrorEquals is not null && !(r.MaxAttempts is { } m && m.TryGetInt64(out var attempts) && attempts == 0);
    }

    private static void CheckTimeout(ValidationContext ctx, StateInfo state, ResourceInfo info)
    {
        var s = state.Spec;
        if (s.TimeoutSeconds is not null || s.TimeoutSecondsPath is not null) return;
        if (s.Extras.Any(e => e.Name is "TimeoutSeconds" or "TimeoutSecondsPath")) return;
        var why = info.Pattern == IntegrationCatalog.WaitForTaskToken || info.Kind == ResourceKind.Activity
            ? "if nothing ever reports back, it waits as long as the execution may run (a year for a Standard workflow); set TimeoutSeconds, and HeartbeatSeconds for long work"
            : "if the call hangs, the state waits until the execution times out; set TimeoutSeconds to fail fast and let Retry or Catch handle States.Timeout";
        ctx.Report(Rules.TaskWithoutTimeout, First(Find(s.FieldLocations, "Resource"), s.Location), s.Name, why);
    }

    /// <summary>
    /// Deployment placeholders (${Name}): undeclared uses and unused declarations. Runs only when the
    /// caller knows the declarations (ValidationOptions.DeclaredPlaceholders).
    /// </summary>
    private static void CheckPlaceholders(ValidationContext ctx)
    {
        if (ctx.Options.DeclaredPlaceholders is not { } declaredList) return;
        var declared = new HashSet<string>(declaredList, StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var state in ctx.States)
        {
            var s = state.Spec;
            foreach (var (field, text) in Strings(s))
            {
                foreach (var name in PlaceholdersIn(text))
                {
                    used.Add(name);
                    // ${AWS::Region} and friends are CloudFormation pseudo parameters, always defined.
                    if (!declared.Contains(name) && !name.StartsWith("AWS::", StringComparison.Ordinal))
                        ctx.Report(Rules.PlaceholderNotDeclared, At(s, field), field, state.Label, name);
                }
            }
        }
        foreach (var name in declaredList.Distinct(StringComparer.Ordinal))
            if (!used.Contains(name))
                ctx.Report(Rules.PlaceholderUnused, ctx.Machine.Location, name, ctx.Machine.Name);
    }

    internal static IEnumerable<string> PlaceholdersIn(string text)
    {
        var i = 0;
        while ((i = text.IndexOf("${", i, StringComparison.Ordinal)) >= 0)
        {
            var end = text.IndexOf('}', i + 2);
            if (end < 0) yield break;
            var name = text.Substring(i + 2, end - i - 2);
            if (name.Length > 0) yield return name;
            i = end + 1;
        }
    }

    /// <summary>Every string of a state (field values and nested JSON strings) with the ASL field it belongs to.</summary>
    private static IEnumerable<(string Field, string Text)> Strings(StateSpec s)
    {
        foreach (var (field, text) in new[]
                 {
                     ("Resource", s.Resource), ("Next", s.Next), ("Default", s.Default), ("ItemsPath", s.ItemsPath), ("Error", s.Error),
                     ("Cause", s.Cause), ("ErrorPath", s.ErrorPath), ("CausePath", s.CausePath), ("SecondsPath", s.SecondsPath),
                     ("TimestampPath", s.TimestampPath), ("TimeoutSecondsPath", s.TimeoutSecondsPath), ("HeartbeatSecondsPath", s.HeartbeatSecondsPath),
                     ("Label", s.Label), ("Comment", s.Comment),
                 })
            if (text is not null) yield return (field, text);
        foreach (var (field, value) in new[]
                 {
                     ("InputPath", s.InputPath), ("OutputPath", s.OutputPath), ("ResultPath", s.ResultPath), ("Parameters", s.Parameters),
                     ("ResultSelector", s.ResultSelector), ("Arguments", s.Arguments), ("Output", s.Output), ("Assign", s.Assign),
                     ("Result", s.Result), ("Credentials", s.Credentials), ("Items", s.Items), ("ItemSelector", s.ItemSelector),
                     ("ItemReader", s.ItemReader), ("ItemBatcher", s.ItemBatcher), ("ResultWriter", s.ResultWriter),
                     ("TimeoutSeconds", s.TimeoutSeconds), ("HeartbeatSeconds", s.HeartbeatSeconds), ("Seconds", s.Seconds), ("Timestamp", s.Timestamp),
                 })
        {
            if (value is null) continue;
            foreach (var text in JsonStrings(value)) yield return (field, text);
        }
    }

    private static IEnumerable<string> JsonStrings(JsonValue value)
    {
        var stack = new Stack<JsonValue>();
        stack.Push(value);
        while (stack.Count > 0)
        {
            var v = stack.Pop();
            if (v.IsString) yield return v.Text!;
            foreach (var item in v.Items) stack.Push(item);
            foreach (var p in v.Properties) stack.Push(p.Value);
        }
    }
}
