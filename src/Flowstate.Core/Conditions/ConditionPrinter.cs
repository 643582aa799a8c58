using System.Collections.Generic;
using System.Text;
using Flowstate.Core.Json;
using Flowstate.Core.Model;

namespace Flowstate.Core.Conditions;

/// <summary>
/// Prints a ChoiceRuleSpec's condition (ignoring its Next, Comment, Assign, Output) in the syntax
/// ConditionParser reads: the exact inverse of <see cref="ConditionParser.Parse"/>, so that
/// Parse(text) gives back the same rule tree.
/// </summary>
/// <remarks>
/// The output is canonical: single-quoted strings; literals bare when their JSON type matches
/// the operator's family ($.n == 3) and wrapped otherwise ($.s == string(5)); timestamps always
/// in timestamp(...); paths bare when they read back as themselves, else path('...');
/// "a != b" for Not of an *Equals comparison; parentheses only where precedence needs them, or
/// where an And inside an And (an Or inside an Or) would otherwise merge into one chain. An And
/// or Or with a single operand is written and(x) / or(x).
/// </remarks>
public static class ConditionPrinter
{
    /// <summary>
    /// False, with the reason, when the rule cannot be written in the syntax: a nested rule with
    /// Next/Comment/Assign/Output, a rule with Extras, a rule with no or several kinds of
    /// condition, a missing Variable or operand, an unknown operator, a *Path operator whose
    /// operand is not a string, a type test that is not true/false, an empty And/Or, a JSONata
    /// Condition that is not a "{% %}" string or is nested, or nesting beyond the parser's limits.
    /// </summary>
    public static bool TryPrint(ChoiceRuleSpec rule, out string text, out string? whyNot)
    {
        text = string.Empty;
        whyNot = null;
        if (rule is null)
        {
            whyNot = "there is no rule";
            return false;
        }
        var printer = new Printer();
        var printed = printer.Print(rule, "", 0);
        if (printed is null)
        {
            whyNot = printer.WhyNot ?? "the rule cannot be written as a condition";
            return false;
        }
        text = printed.Text;
        return true;
    }

    // How a printed piece binds, so the enclosing operator knows whether to parenthesize it.
    private enum Form
    {
        Or,
        And,
        Comparison,   // $.a == 1, $.a != 1, isNull($.a) == false
        Unary,        // !x
        Atom,         // isNull($.a), and(x), or(x), {% %}
    }

    private sealed class Printed(string text, Form form)
    {
        public string Text { get; } = text;
        public Form Form { get; } = form;
    }

    private sealed class Printer
    {
        public string? WhyNot { get; private set; }

        // where: "" for the top-level rule, else its place in the tree ("And[1].Not").
        public Printed? Print(ChoiceRuleSpec rule, string where, int depth)
        {
            if (rule is null) return Fail(where, "the rule is null");
            if (depth > ConditionSyntax.MaxRuleDepth)
                return Fail(where, $"the rule nests And/Or/Not more than {ConditionSyntax.MaxRuleDepth} levels deep");
            if (depth > 0)
            {
                var transitions = new List<string>();
                if (rule.Next is not null) transitions.Add($"Next ('{rule.Next}')");
                if (rule.Comment is not null) transitions.Add("Comment");
                if (rule.Assign is not null) transitions.Add("Assign");
                if (rule.Output is not null) transitions.Add("Output");
                if (transitions.Count > 0)
                    return Fail(where, $"a rule inside And, Or or Not has {string.Join(", ", transitions)}, which only a top-level rule can have");
            }
            if (!rule.Extras.IsEmpty)
            {
                var names = new List<string>();
                foreach (var extra in rule.Extras) names.Add($"'{extra.Name}'");
                return Fail(where, $"the rule has fields a condition cannot express: {string.Join(", ", names)}");
            }

            var kinds = new List<string>();
            if (rule.Variable is not null || rule.Operator is not null || rule.Operand is not null) kinds.Add("a comparison");
            if (rule.And is not null) kinds.Add("And");
            if (rule.Or is not null) kinds.Add("Or");
            if (rule.Not is not null) kinds.Add("Not");
            if (rule.Condition is not null) kinds.Add("Condition");
            if (kinds.Count == 0)
                return Fail(where, "the rule has no condition: no Variable and operator, And, Or, Not or Condition");
            if (kinds.Count > 1)
                return Fail(where, $"the rule mixes {string.Join(" and ", kinds)}; a rule is exactly one comparison, And, Or, Not or Condition");

            if (rule.Condition is { } condition) return PrintJsonata(condition, where, depth);
            if (rule.And is { } and) return PrintCombinator(and, "And", where, depth);
            if (rule.Or is { } or) return PrintCombinator(or, "Or", where, depth);
            if (rule.Not is { } not) return PrintNot(not, where, depth);
            return PrintComparison(rule, where, negate: false);
        }

        private Printed? PrintJsonata(JsonValue condition, string where, int depth)
        {
            if (depth > 0)
                return Fail(where, "a JSONata Condition can only be a whole rule, not part of And, Or or Not");
            if (!condition.IsString)
                return Fail(where, $"the Condition is {Describe(condition)}, not a string");
            if (!ConditionSyntax.IsJsonata(condition.Text!))
                return Fail(where, "the Condition is not a JSONata expression in {% ... %}");
            return new Printed(condition.Text!, Form.Atom);
        }

        private Printed? PrintCombinator(EquatableArray<ChoiceRuleSpec> operands, string name, string where, int depth)
        {
            if (operands.Count == 0)
                return Fail(where, $"{name} has no conditions (ASL requires at least one)");
            var isAnd = name == "And";
            if (operands.Count == 1)
            {
                var single = Print(operands[0], Child(where, $"{name}[0]"), depth + 1);
                return single is null ? null : new Printed($"{(isAnd ? "and" : "or")}({single.Text})", Form.Atom);
            }
            var sb = new StringBuilder();
            for (var i = 0; i < operands.Count; i++)
            {
                var operand = Print(operands[i], Child(where, $"{name}[{i}]"), depth + 1);
                if (operand is null) return null;
                if (i > 0) sb.Append(isAnd ? " && " : " || ");
                // A nested And (Or) in an And (Or) keeps its own node only inside parentheses,
                // and an Or in an And needs them for precedence.
                var parenthesize = operand.Form == Form.Or || (isAnd && operand.Form == Form.And);
                if (parenthesize) sb.Append('(').Append(operand.Text).Append(')');
                else sb.Append(operand.Text);
            }
            return new Printed(sb.ToString(), isAnd ? Form.And : Form.Or);
        }

        private Printed? PrintNot(ChoiceRuleSpec operand, string where, int depth)
        {
            var childWhere = Child(where, "Not");
            if (IsEqualsComparison(operand))
            {
                if (depth + 1 > ConditionSyntax.MaxRuleDepth)
                    return Fail(childWhere, $"the rule nests And/Or/Not more than {ConditionSyntax.MaxRuleDepth} levels deep");
                // Validated as a nested rule (no Next, no Extras...) before taking the != form.
                if (Print(operand, childWhere, depth + 1) is null) return null;
                return PrintComparison(operand, childWhere, negate: true);
            }
            var inner = Print(operand, childWhere, depth + 1);
            if (inner is null) return null;
            // "!isNull($.a)" and "!!x" read well; a comparison or a chain gets parentheses so that
            // "!($.n > 3)" is not misread as "(!$.n) > 3".
            return inner.Form is Form.Atom or Form.Unary
                ? new Printed("!" + inner.Text, Form.Unary)
                : new Printed("!(" + inner.Text + ")", Form.Unary);
        }

        private static bool IsEqualsComparison(ChoiceRuleSpec rule) =>
            rule is { Operator: { } op, And: null, Or: null, Not: null, Condition: null }
            && ConditionSyntax.Comparisons.TryGetValue(op, out var info) && info.IsEquals;

        private Printed? PrintComparison(ChoiceRuleSpec rule, string where, bool negate)
        {
            if (rule.Variable is null)
                return Fail(where, rule.Operator is null ? "the rule has an operand but no Variable or operator" : $"the {rule.Operator} comparison has no Variable");
            if (rule.Operator is null)
                return Fail(where, "the rule has a Variable but no comparison operator");
            if (rule.Operand is null)
                return Fail(where, $"{rule.Operator} has no value");
            var subject = FormatPath(rule.Variable);
            var operand = rule.Operand;

            if (ConditionSyntax.TypeTestFunctions.TryGetValue(rule.Operator, out var function))
            {
                if (operand.Kind == JsonKind.True) return new Printed($"{function}({subject})", Form.Atom);
                if (operand.Kind == JsonKind.False) return new Printed($"{function}({subject}) == false", Form.Comparison);
                return Fail(where, $"{rule.Operator} is {Describe(operand)}; a type test is true or false");
            }
            if (!ConditionSyntax.Comparisons.TryGetValue(rule.Operator, out var op))
                return Fail(where, $"'{rule.Operator}' is not an ASL comparison operator");

            var sb = new StringBuilder();
            sb.Append(subject).Append(' ').Append(negate ? "!=" : op.Symbol).Append(' ');
            var wrapper = ConditionSyntax.WrapperName(op.Family);
            if (op.IsPath)
            {
                if (!operand.IsString)
                    return Fail(where, $"{rule.Operator} is {Describe(operand)}; a *Path operator takes a path string");
                sb.Append(wrapper).Append('(').Append(FormatPath(operand.Text!)).Append(')');
            }
            else
            {
                var bare = op.Family switch
                {
                    OperandFamily.String => operand.IsString,
                    OperandFamily.Numeric => operand.IsNumber,
                    OperandFamily.Boolean => operand.IsBoolean,
                    _ => false,
                };
                if (!bare) sb.Append(wrapper).Append('(');
                if (!AppendLiteral(sb, operand, 0, where, rule.Operator)) return null;
                if (!bare) sb.Append(')');
            }
            return new Printed(sb.ToString(), Form.Comparison);
        }

        // The same nesting rule as the parser's literal reader: a value at depth > MaxLiteralDepth fails.
        private bool AppendLiteral(StringBuilder sb, JsonValue value, int depth, string where, string op)
        {
            if (depth > ConditionSyntax.MaxLiteralDepth)
            {
                Fail(where, $"the {op} value nests deeper than {ConditionSyntax.MaxLiteralDepth} levels");
                return false;
            }
            switch (value.Kind)
            {
                case JsonKind.Null: sb.Append("null"); return true;
                case JsonKind.True: sb.Append("true"); return true;
                case JsonKind.False: sb.Append("false"); return true;
                case JsonKind.String: ConditionSyntax.AppendQuoted(sb, value.Text!); return true;
                case JsonKind.Number:
                    if (value.Text is null || !ConditionSyntax.IsJsonNumber(value.Text))
                    {
                        Fail(where, $"the {op} value '{value.Text}' is not a JSON number");
                        return false;
                    }
                    sb.Append(value.Text);
                    return true;
                case JsonKind.Array:
                    sb.Append('[');
                    for (var i = 0; i < value.Items.Count; i++)
                    {
                        if (i > 0) sb.Append(", ");
                        if (value.Items[i] is null)
                        {
                            Fail(where, $"the {op} value has a null array item");
                            return false;
                        }
                        if (!AppendLiteral(sb, value.Items[i], depth + 1, where, op)) return false;
                    }
                    sb.Append(']');
                    return true;
                case JsonKind.Object:
                    sb.Append('{');
                    for (var i = 0; i < value.Properties.Count; i++)
                    {
                        if (i > 0) sb.Append(", ");
                        var p = value.Properties[i];
                        if (p.Name is null || p.Value is null)
                        {
                            Fail(where, $"the {op} value has an incomplete object member");
                            return false;
                        }
                        ConditionSyntax.AppendQuoted(sb, p.Name);
                        sb.Append(": ");
                        if (!AppendLiteral(sb, p.Value, depth + 1, where, op)) return false;
                    }
                    sb.Append('}');
                    return true;
                default:
                    Fail(where, $"the {op} value has an unknown JSON kind");
                    return false;
            }
        }

        private static string FormatPath(string path)
        {
            if (ConditionSyntax.IsBarePath(path)) return path;
            var sb = new StringBuilder("path(");
            ConditionSyntax.AppendQuoted(sb, path);
            return sb.Append(')').ToString();
        }

        private static string Describe(JsonValue value) => value.Kind switch
        {
            JsonKind.Null => "null",
            JsonKind.True => "true",
            JsonKind.False => "false",
            JsonKind.Number => $"the number {value.Text}",
            JsonKind.String => "a string",
            JsonKind.Array => "an array",
            _ => "an object",
        };

        private static string Child(string where, string step) => where.Length == 0 ? step : where + "." + step;

        private Printed? Fail(string where, string reason)
        {
            WhyNot ??= where.Length == 0 ? reason : $"{where}: {reason}";
            return null;
        }
    }
}
