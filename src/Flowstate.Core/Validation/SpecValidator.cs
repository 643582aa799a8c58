using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Flowstate.Core.Diagnostics;
using Flowstate.Core.Model;

namespace Flowstate.Core.Validation;

/// <summary>
/// Runs every rule over a <see cref="StateMachineSpec"/>: pure (reads only the Spec), deterministic
/// (same Spec, same diagnostics in the same order), linear in the size of the machine, and it never
/// throws — an unexpected failure inside a rule becomes FLOW0001 rather than a crashed analyzer.
/// </summary>
public static class SpecValidator
{
    public static IReadOnlyList<DiagnosticInfo> Validate(StateMachineSpec spec, CancellationToken cancellationToken)
        => Validate(spec, ValidationOptions.Default, cancellationToken);

    public static IReadOnlyList<DiagnosticInfo> Validate(StateMachineSpec spec, ValidationOptions options, CancellationToken cancellationToken)
    {
        if (spec is null) return Array.Empty<DiagnosticInfo>();
        ValidationContext context;
        try
        {
            context = new ValidationContext(spec, options ?? ValidationOptions.Default, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Array.Empty<DiagnosticInfo>();
        }
        catch (Exception ex)
        {
            return new[] { InternalError(spec, "indexing", ex) };
        }

        var rules = new (string Name, Action<ValidationContext> Run)[]
        {
            ("graph", GraphRules.Run),
            ("fields", FieldRules.Run),
            ("choice", ChoiceRules.Run),
            ("retry/catch", RetryCatchRules.Run),
            ("paths", PathRules.Run),
            ("names and limits", NameAndLimitRules.Run),
            ("integrations", IntegrationRules.Run),
            ("best practices", BestPracticeRules.Run),
        };

        var internalErrors = new List<DiagnosticInfo>();
        foreach (var (name, run) in rules)
        {
            if (cancellationToken.IsCancellationRequested) return Array.Empty<DiagnosticInfo>();
            try
            {
                run(context);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Array.Empty<DiagnosticInfo>();
            }
            catch (Exception ex)
            {
                // One broken rule must not hide the others' findings.
                internalErrors.Add(InternalError(spec, name, ex));
            }
        }

        // Source order when locations are known; ties keep rule order (OrderBy is stable).
        // (An index sort, not OrderBy/ThenBy/ThenBy: same order, without the LINQ machinery per machine.)
        var found = context.Diagnostics;
        var order = new int[found.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) =>
        {
            var byFile = string.CompareOrdinal(found[a].Location.FilePath ?? "", found[b].Location.FilePath ?? "");
            if (byFile != 0) return byFile;
            var byStart = found[a].Location.Start.CompareTo(found[b].Location.Start);
            return byStart != 0 ? byStart : a.CompareTo(b);
        });
        var result = new DiagnosticInfo[order.Length + internalErrors.Count];
        for (var i = 0; i < order.Length; i++) result[i] = found[order[i]];
        internalErrors.CopyTo(result, order.Length);
        return result;
    }

    private static DiagnosticInfo InternalError(StateMachineSpec spec, string rule, Exception ex)
        => new(DiagnosticIds.InternalError, spec.Location,
            EquatableArray.Create($"validation ({rule})", ex.GetType().Name + ": " + ex.Message));
}
