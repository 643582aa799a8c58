using System;
using System.Globalization;
using Flowstate.Core.Asl;
using Flowstate.Core.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using static Flowstate.Core.Validation.ValidationContext;
using StateTypes = Flowstate.Core.Asl.AslVocabulary.StateTypes;

namespace Flowstate.Core.Validation;

/// <summary>FLOW5xxx names and limits: state and machine names, definition size, nesting, workflow type, Express duration.</summary>
internal static class NameAndLimitRules
{
    public const int MaxDefinitionLength = 1_048_576;

    public static void Run(ValidationContext ctx)
    {
        CheckMachineName(ctx);
        foreach (var state in ctx.States)
        {
            ctx.CancellationToken.ThrowIfCancellationRequested();
            var name = state.Name;
            var at = AtName(state.Spec);
            var length = FieldRules.CharacterCount(name);
            if (length == 0) ctx.Report(Rules.StateNameInvalid, at, "''", "is empty");
            else if (length > 80) ctx.Report(Rules.StateNameTooLong, at, Truncate(name, 100), length.ToString(CultureInfo.InvariantCulture));
            foreach (var c in name)
            {
                if (!AslFacts.IsControl(c)) continue;
                ctx.Report(Rules.StateNameInvalid, at, JsonWriter.Quote(name), $"contains the control character U+{(int)c:X4}");
                break;
            }
        }
        foreach (var scope in ctx.Scopes)
        {
            if (scope.Depth != ctx.Options.MaxNestingDepth + 1 || scope.States.Count == 0) continue;
            var first = scope.States[0];
            ctx.Report(Rules.NestingTooDeep, first.Spec.Location, first.Name, scope.Depth.ToString(CultureInfo.InvariantCulture),
                ctx.Options.MaxNestingDepth.ToString(CultureInfo.InvariantCulture));
        }
        if (ctx.Machine.WorkflowType is not ("STANDARD" or "EXPRESS"))
            ctx.Report(Rules.WorkflowTypeInvalid, ctx.AtMachine("Type"), ctx.Machine.Name, ctx.Machine.WorkflowType ?? "");
        CheckExpressDuration(ctx);
        CheckSize(ctx);
    }

    private static void CheckMachineName(ValidationContext ctx)
    {
        var name = ctx.Machine.Name ?? "";
        string? problem = null;
        var length = FieldRules.CharacterCount(name);
        if (length == 0) problem = "is empty";
        else if (length > 80) problem = $"has {length.ToString(CultureInfo.InvariantCulture)} characters";
        else
        {
            foreach (var c in name)
            {
                if (char.IsWhiteSpace(c)) { problem = "contains whitespace"; break; }
                if (AslFacts.IsControl(c)) { problem = $"contains the control character U+{(int)c:X4}"; break; }
                if (AslFacts.ForbiddenNameCharacters.IndexOf(c) >= 0) { problem = $"contains '{c}'"; break; }
            }
        }
        if (problem is not null) ctx.Report(Rules.MachineNameInvalid, ctx.AtMachine("Name"), Truncate(name, 100), problem);
    }

    private static void CheckExpressDuration(ValidationContext ctx)
    {
        if (!ctx.IsExpress) return;
        if (ctx.Machine.TimeoutSeconds is { } mt && mt.TryGetInt64(out var t) && t > RetryCatchRules.ExpressMaxSeconds)
            ctx.Report(Rules.ExpressDurationExceeded, ctx.AtMachine("TimeoutSeconds"), $"TimeoutSeconds of the state machine is {RetryCatchRules.Seconds(t)}");
        foreach (var state in ctx.States)
        {
            var s = state.Spec;
            if (s.Type == StateTypes.Wait && s.Seconds is { } w && w.TryGetInt64(out var seconds) && seconds > RetryCatchRules.ExpressMaxSeconds)
                ctx.Report(Rules.ExpressDurationExceeded, At(s, "Seconds"), $"Wait state '{s.Name}' waits {RetryCatchRules.Seconds(seconds)}");
            if (s.Type == StateTypes.Task && s.TimeoutSeconds is { } ts && ts.TryGetInt64(out var timeout) && timeout > RetryCatchRules.ExpressMaxSeconds)
                ctx.Report(Rules.ExpressDurationExceeded, At(s, "TimeoutSeconds"), $"TimeoutSeconds of Task state '{s.Name}' is {RetryCatchRules.Seconds(timeout)}");
        }
    }

    private static void CheckSize(ValidationContext ctx)
    {
        // Cheap lower bound first: most machines are far below the limit and need no serialization.
        var estimate = DefinitionSize.LowerBound(ctx.Machine, ctx.CancellationToken);
        if (estimate <= MaxDefinitionLength / 2) return;
        long size = estimate;
        try
        {
            size = AslWriter.Write(ctx.Machine).Length;
        }
        catch (NotImplementedException)
        {
            // No writer yet: the lower bound is all we know, and it never over-reports.
        }
        if (size > MaxDefinitionLength)
            ctx.Report(Rules.DefinitionTooLarge, ctx.Machine.Location, size.ToString("N0", CultureInfo.InvariantCulture));
    }
}
