using System;
using System.Collections.Generic;
using System.Linq;
using Flowstate.Core.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using static Flowstate.Core.Validation.ValidationContext;

using Flowstate.Core.Syntax;
using Flowstate.Core.Asl;
using StateTypes = Flowstate.Core.Asl.AslVocabulary.StateTypes;

namespace Flowstate.Core.Validation;

/// <summary>
/// Choice rules (FLOW4012..FLOW4016 and their paths/operands): exactly one operator per rule,
/// operand types, Next only on top-level rules, non-empty And/Or, Condition vs Variable by query language.
/// </summary>
internal static class ChoiceRules
{
    public static void Run(ValidationContext ctx)
    {
        foreach (var state in ctx.States)
        {
            ctx.CancellationToken.ThrowIfCancellationRequested();
            if (state.Type != StateTypes.Choice || state.Spec.Choices is not { } rules) continue;
            for (var i = 0; i < rules.Count; i++)
            {
                // Nested rules are walked with an explicit stack: And/Or/Not can nest arbitrarily.
                var pending = new Stack<(ChoiceRuleSpec Rule, string Label, bool TopLevel)>();
                pending.Push((rules[i], $"Choice rule {Ordinal(i)}", true));
                while (pending.Count > 0)
                {
                    var (rule, label, top) = pending.Pop();
                    CheckRule(ctx, state, i, rule, label, top);
                    var nested = new List<(ChoiceRuleSpec, string, bool)>();
                    if (rule.And is { } and) for (var k = 0; k < and.Count; k++) nested.Add((and[k], $"And[{k}] of {label}", false));
                    if (rule.Or is { } or) for (var k = 0; k < or.Count; k++) nested.Add((or[k], $"Or[{k}] of {label}", false));
                    if (rule.Not is { } not) nested.Add((not, $"Not of {label}", false));
                    for (var k = nested.Count - 1; k >= 0; k--) pending.Push(nested[k]);
                }
            }
        }
    }

    private static void CheckRule(ValidationContext ctx, StateInfo state, int top, ChoiceRuleSpec rule, string label, bool isTopLevel)
    {
        var s = state.Spec;
        SourceRef At(string? field) => AtRule(s, top, rule, field);

        // Unknown and mistyped fields; extra operators are counted below.
        FieldRules.CheckExtras(ctx, rule.Extras, AslFacts.ChoiceRuleFields, $"{label} of Choice state '{s.Name}'", f => At(f),
            skip: e => AslFacts.ChoiceOperators.ContainsKey(e.Name) && CountOf(rule.FieldLocations, e.Name) < 2, fieldLocations: rule.FieldLocations);

        if (isTopLevel && rule.Next is null && GraphRules.FindExtra(rule.Extras, "Next") is null)
            ctx.Report(Rules.RuleWithoutNext, At(null), label, s.Name);
        if (!isTopLevel && rule.Next is not null)
            ctx.Report(Rules.NestedRuleWithNext, At("Next"), label, s.Name, rule.Next);

        if (rule.And is { Count: 0 }) ctx.Report(Rules.EmptyAndOr, At("And"), label, s.Name, "And");
        if (rule.Or is { Count: 0 }) ctx.Report(Rules.EmptyAndOr, At("Or"), label, s.Name, "Or");

        if (state.IsJsonata)
        {
            CheckJsonataRule(ctx, state, rule, label, At);
            return;
        }

        if (rule.Condition is not null)
        {
            ctx.Report(Rules.JsonataFieldInJsonPathState, At("Condition"), $"Condition of {label}", state.Label,
                "write the test with Variable and a comparison operator, or set QueryLanguage to \"JSONata\"");
            if (rule.Operator is null && rule.And is null && rule.Or is null && rule.Not is null) return;
        }

        var operators = new List<string>();
        if (rule.Operator is not null) operators.Add(rule.Operator);
        foreach (var e in rule.Extras)
            if (AslFacts.ChoiceOperators.ContainsKey(e.Name)) operators.Add(e.Name);
        var combinators = new List<string>();
        if (rule.And is not null) combinators.Add("And");
        if (rule.Or is not null) combinators.Add("Or");
        if (rule.Not is not null) combinators.Add("Not");

        var total = operators.Count + combinators.Count;
        if (total == 0)
        {
            ctx.Report(Rules.ChoiceRuleOperator, At(null), label, s.Name,
                rule.Variable is null ? "has no comparison operator and no And, Or or Not" : $"tests Variable '{rule.Variable}' with no comparison operator",
                rule.Variable is null ? "" : " (for example StringEquals or IsPresent)");
        }
        else if (total > 1)
        {
            var all = operators.Concat(combinators).ToList();
            ctx.Report(Rules.ChoiceRuleOperator, At(all[1]), label, s.Name, "has " + string.Join(" and ", all), "; split it into several rules combined with And or Or");
        }
        else if (operators.Count == 1 && rule.Variable is null && GraphRules.FindExtra(rule.Extras, "Variable") is null)
        {
            ctx.Report(Rules.ChoiceRuleOperator, At(operators[0]), label, s.Name, $"has {operators[0]} but no Variable", "; set Variable to the path to compare");
        }
        else if (combinators.Count == 1 && rule.Variable is not null)
        {
            ctx.Report(Rules.ChoiceRuleOperator, At("Variable"), label, s.Name, $"has both Variable and {combinators[0]}", "; move Variable into the nested rules");
        }

        if (rule.Variable is { } variable)
            PathRules.CheckPath(ctx, state, $"Variable of {label}", variable, At("Variable"), PathRequirement.Path);

        if (rule.Operator is { } op && rule.Operand is { } operand && AslFacts.ChoiceOperators.TryGetValue(op, out var kind))
            CheckOperand(ctx, state, label, op, operand, kind, At(op));
        foreach (var e in rule.Extras)
            if (AslFacts.ChoiceOperators.TryGetValue(e.Name, out var k))
                CheckOperand(ctx, state, label, e.Name, e.Value, k, At(e.Name));
    }

    private static int CountOf(EquatableArray<FieldLocation> locations, string field)
    {
        var n = 0;
        foreach (var l in locations) if (l.Field == field) n++;
        return n;
    }

    private static void CheckOperand(ValidationContext ctx, StateInfo state, string label, string op, JsonValue operand, AslVocabulary.OperandKind kind, SourceRef location)
    {
        var s = state.Spec;
        string? expected = kind switch
        {
            AslVocabulary.OperandKind.String when !operand.IsString => "a string",
            AslVocabulary.OperandKind.Number when !operand.IsNumber => "a number",
            AslVocabulary.OperandKind.Boolean when !operand.IsBoolean => "true or false",
            AslVocabulary.OperandKind.TypeTest when !operand.IsBoolean => "true or false",
            AslVocabulary.OperandKind.Timestamp when !operand.IsString => "an RFC 3339 timestamp string",
            AslVocabulary.OperandKind.Path when !operand.IsString => "a path string such as \"$.limit\"",
            _ => null,
        };
        if (expected is not null)
        {
            ctx.Report(Rules.ChoiceOperandType, location, label, s.Name, op, Describe(operand), expected);
            return;
        }
        if (kind == AslVocabulary.OperandKind.Timestamp && !Rfc3339.IsValid(operand.Text!))
            ctx.Report(Rules.InvalidTimestamp, location, $"{op} of {label}", $"Choice state '{s.Name}'", operand.Text!);
        else if (kind == AslVocabulary.OperandKind.Path)
            PathRules.CheckPath(ctx, state, $"{op} of {label}", operand.Text!, location, PathRequirement.Path);
    }

    private static void CheckJsonataRule(ValidationContext ctx, StateInfo state, ChoiceRuleSpec rule, string label, Func<string?, SourceRef> at)
    {
        var s = state.Spec;
        var jsonPathParts = new List<string>();
        if (rule.Variable is not null) jsonPathParts.Add("Variable");
        if (rule.Operator is not null) jsonPathParts.Add(rule.Operator);
        if (rule.And is not null) jsonPathParts.Add("And");
        if (rule.Or is not null) jsonPathParts.Add("Or");
        if (rule.Not is not null) jsonPathParts.Add("Not");
        foreach (var part in jsonPathParts)
            ctx.Report(Rules.JsonPathFieldInJsonataState, at(part), $"{part} of {label}", state.Label,
                "a JSONata Choice rule is a Condition such as \"{% $states.input.total > 100 %}\"");
        if (rule.Condition is null)
        {
            if (jsonPathParts.Count == 0)
                ctx.Report(Rules.ChoiceRuleOperator, at(null), label, s.Name, "has no Condition", " (in a JSONata state, a rule is a Condition)");
            return;
        }
        var condition = rule.Condition;
        if (condition.IsBoolean) return; // a constant condition is allowed
        if (!condition.IsString || !condition.Text!.StartsWith("{%", StringComparison.Ordinal))
        {
            ctx.Report(Rules.InvalidJsonata, at("Condition"), $"Condition of {label}", state.Label,
                $"{Describe(condition)} is not a {{% expression %}}; write the test as \"{{% ... %}}\"");
            return;
        }
        PathRules.CheckJsonataString(ctx, state, $"Condition of {label}", condition.Text!, at("Condition"), condition);
    }
}
