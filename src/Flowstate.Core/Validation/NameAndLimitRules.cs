using System;
using System.Globalization;
using System.Text;
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
    /// <summary>
    /// The definition limit: botocore's model of the Step Functions API (botocore 1.43.11,
    /// data/stepfunctions/2016-11-23/service-2.json, shape "Definition": string, min 1, max 1048576) and
    /// the service quotas "Maximum size of state machine definition: 1 MB" and "Maximum request size: 1 MB
    /// per request", both hard (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html).
    /// The definition travels as UTF-8 JSON, so the limit is checked in UTF-8 bytes: the measure that
    /// holds for both (a definition of 1,048,576 bytes or fewer also has at most that many characters),
    /// where UTF-16 characters under-count every non-ASCII character (a CJK character is 1 char, 3 bytes).
    /// </summary>
    public const int MaxDefinitionBytes = 1_048_576;

    public static void Run(ValidationContext ctx)
    {
        CheckMachineName(ctx);
        foreach (var state in ctx.States)
        {
            ctx.CancellationToken.ThrowIfCancellationRequested();
            var name = state.Name;
            var length = FieldRules.CharacterCount(name);
            // (The name's location is looked up only for a report.)
            if (length == 0) ctx.Report(Rules.StateNameInvalid, AtName(state.Spec), "''", "is empty");
            else if (length > 80) ctx.Report(Rules.StateNameTooLong, AtName(state.Spec), Truncate(name, 100), length.ToString(CultureInfo.InvariantCulture));
            foreach (var c in name)
            {
                if (!AslFacts.IsControl(c)) continue;
                ctx.Report(Rules.StateNameInvalid, AtName(state.Spec), JsonWriter.Quote(name), $"contains the control character U+{(int)c:X4}");
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
        long size;
        if (ctx.Options.DefinitionUtf8Bytes is { } given)
        {
            // The caller has the text that will be sent (validate: the file as given); measure nothing else.
            size = given;
        }
        else
        {
            // Cheap lower bound first (UTF-8 bytes of the compact JSON): most machines are far below the
            // limit and need no serialization.
            var estimate = DefinitionSize.LowerBound(ctx.Machine, ctx.CancellationToken);
            if (estimate <= MaxDefinitionBytes / 2) return;
            // The generator emits exactly this text and a deploy sends it.
            size = Encoding.UTF8.GetByteCount(AslWriter.Write(ctx.Machine));
        }
        if (size > MaxDefinitionBytes)
            ctx.Report(Rules.DefinitionTooLarge, ctx.Machine.Location, size.ToString("N0", CultureInfo.InvariantCulture));
    }
}
