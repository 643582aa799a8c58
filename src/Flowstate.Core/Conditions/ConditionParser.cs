using System;
using System.Collections.Generic;
using System.Text;
using Flowstate.Core.Json;
using Flowstate.Core.Model;

namespace Flowstate.Core.Conditions;

/// <summary>
/// The result of parsing a [When] condition: a rule tree (without Next), or an error saying what
/// was expected and where. <see cref="ErrorOffset"/> is a character offset into the condition
/// text, or -1 on success.
/// </summary>
public sealed record ConditionParseResult(ChoiceRuleSpec? Rule, string? Error, int ErrorOffset)
{
    public bool Success => Rule is not null;
}

/// <summary>
/// Parses Flowstate's JSONPath condition syntax ("$.a == 'x' &amp;&amp; $.n &gt; 3") or a JSONata
/// "{% %}" condition into a ChoiceRuleSpec. Never throws.
/// </summary>
/// <remarks>
/// Grammar (whitespace is free between tokens):
/// <code>
/// condition  := or
/// or         := and ('||' and)*                       one Or with n operands
/// and        := unary ('&amp;&amp;' unary)*                    one And with n operands
/// unary      := '!' unary | primary
/// primary    := '(' or ')'                             a group: keeps its own And/Or node
///             | ('and' | 'or') '(' or ')'              an And/Or with exactly one operand
///             | TEST '(' subject ')' [('==' | '!=') ('true' | 'false')]
///             | subject OP operand
/// subject    := PATH | 'path' '(' STRING ')'
/// OP         := '==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=' | 'matches'
/// operand    := STRING | NUMBER | 'true' | 'false'
///             | WRAPPER '(' (subject | json) ')'       WRAPPER: string number boolean timestamp
/// json       := STRING | NUMBER | 'true' | 'false' | 'null' | '[' ... ']' | '{' STRING ':' json, ... '}'
/// </code>
/// Strings take '...' or "..." with JSON escapes plus \'. "a != b" is Not(a == b).
/// </remarks>
public static class ConditionParser
{
    public static ConditionParseResult Parse(string text)
    {
        if (text is null) return new ConditionParseResult(null, "no condition text", 0);
        if (ConditionSyntax.IsJsonata(text))
            return new ConditionParseResult(new ChoiceRuleSpec { Condition = JsonValue.String(text, 0, text.Length) }, null, -1); // offsets into the condition literal, for diagnostics

        var parser = new Parser(text);
        var rule = parser.ParseCondition();
        return rule is not null && parser.Error is null
            ? new ConditionParseResult(rule, null, -1)
            : new ConditionParseResult(null, parser.Error ?? "invalid condition", parser.ErrorOffset);
    }

    private sealed class Operand(OperandFamily family, bool isPath, JsonValue value, bool wrapped)
    {
        public OperandFamily Family { get; } = family;
        public bool IsPath { get; } = isPath;
        public JsonValue Value { get; } = value;

        /// <summary>Written inside string(..), number(..), boolean(..) or timestamp(..).</summary>
        public bool Wrapped { get; } = wrapped;
    }

    private sealed class Parser
    {
        private readonly string _text;
        private int _pos;
        private int _nesting;

        public Parser(string text) => _text = text;

        public string? Error { get; private set; }
        public int ErrorOffset { get; private set; } = -1;

        private bool AtEnd => _pos >= _text.Length;

        public ChoiceRuleSpec? ParseCondition()
        {
            SkipWhitespace();
            if (AtEnd) return Fail($"expected a condition at {_pos}, such as $.status == 'OK' or isPresent($.x)", _pos);
            var rule = ParseOr(null);
            if (rule is null) return null;
            SkipWhitespace();
            if (!AtEnd) return Unexpected();
            return rule;
        }

        private ChoiceRuleSpec? Unexpected()
        {
            var c = _text[_pos];
            if (c == ')') return Fail($"unexpected ')' at {_pos}: there is no '(' to close", _pos);
            if (c == '&' || c == '|')
                return Fail($"unexpected '{c}' at {_pos}: write '{c}{c}'", _pos);
            if (c == '=')
                return Fail($"unexpected '=' at {_pos}: a comparison has a path on the left, for example $.x == 1", _pos);
            var hint = ConditionSyntax.IsIdentifierStart(c) ? PeekIdentifier() switch
            {
                "and" or "AND" or "And" => ": write '&&'",
                "or" or "OR" or "Or" => ": write '||'",
                _ => "",
            } : "";
            return Fail($"expected '&&', '||' or the end of the condition at {_pos}, found {Describe(_pos)}{hint}", _pos);
        }

        // context: the token the expression follows ("'&&'", "'('"), or null at the start.
        private ChoiceRuleSpec? ParseOr(string? context)
        {
            var first = ParseAnd(context);
            if (first is null) return null;
            SkipWhitespace();
            if (!Peek("||")) return first;
            var operands = new List<ChoiceRuleSpec> { first };
            while (Peek("||"))
            {
                _pos += 2;
                var next = ParseAnd("'||'");
                if (next is null) return null;
                operands.Add(next);
                SkipWhitespace();
            }
            return new ChoiceRuleSpec { Or = operands.ToEquatableArray() };
        }

        private ChoiceRuleSpec? ParseAnd(string? context)
        {
            var first = ParseUnary(context);
            if (first is null) return null;
            SkipWhitespace();
            if (!Peek("&&")) return first;
            var operands = new List<ChoiceRuleSpec> { first };
            while (Peek("&&"))
            {
                _pos += 2;
                var next = ParseUnary("'&&'");
                if (next is null) return null;
                operands.Add(next);
                SkipWhitespace();
            }
            return new ChoiceRuleSpec { And = operands.ToEquatableArray() };
        }

        private ChoiceRuleSpec? ParseUnary(string? context)
        {
            SkipWhitespace();
            if (!AtEnd && _text[_pos] == '!')
            {
                var bang = _pos;
                if (!Enter(bang)) return null;
                _pos++;
                var operand = ParseUnary("'!'");
                _nesting--;
                return operand is null ? null : new ChoiceRuleSpec { Not = operand };
            }
            return ParsePrimary(context);
        }

        private ChoiceRuleSpec? ParsePrimary(string? context)
        {
            SkipWhitespace();
            var start = _pos;
            var after = context is null ? "" : $" after {context}";
            if (AtEnd) return Fail($"expected a condition{after} at {start}", start);

            var c = _text[start];
            if (c == '(')
            {
                if (!Enter(start)) return null;
                _pos++;
                var inner = ParseOr("'('");
                _nesting--;
                if (inner is null) return null;
                if (!Expect(')', $" to close the '(' at {start}")) return null;
                return inner;
            }
            if (c == '$') return ParseComparison();
            if (ConditionSyntax.IsIdentifierStart(c))
            {
                var word = PeekIdentifier();
                if (ConditionSyntax.TypeTestOperators.TryGetValue(word, out var testOperator))
                    return ParseTypeTest(word, testOperator);
                switch (word)
                {
                    case "path": return ParseComparison();
                    case "and": return ParseSingleOperand(word);
                    case "or": return ParseSingleOperand(word);
                    case "true":
                    case "false":
                    case "null":
                    case "string":
                    case "number":
                    case "boolean":
                    case "timestamp":
                        return Fail($"expected a condition{after} at {start}, found '{word}': a comparison starts with the path, for example $.x == {(word == "true" || word == "false" ? word : "'value'")}", start);
                }
                return Fail($"unknown word '{word}' at {start}{Suggest(word)}", start);
            }
            if (c == '\'' || c == '"' || c == '-' || ConditionSyntax.IsDigit(c))
                return Fail($"expected a condition{after} at {start}, found a literal: a comparison starts with the path, for example $.x == 'value'", start);
            if (c == '=' || c == '<' || c == '>')
                return Fail($"expected a path before '{c}' at {start}", start);
            return Fail($"expected a condition{after} at {start}, found {Describe(start)}: a path such as $.x, isPresent(...), '!' or '('", start);
        }

        // and(x) / or(x): an And/Or with a single operand, which && and || cannot express.
        private ChoiceRuleSpec? ParseSingleOperand(string word)
        {
            var start = _pos;
            _pos += word.Length;
            SkipWhitespace();
            if (AtEnd || _text[_pos] != '(')
                return Fail($"expected '(' after '{word}' at {_pos}: combine conditions with {(word == "and" ? "&&" : "||")}; {word}(...) wraps a single condition", _pos);
            if (!Enter(start)) return null;
            _pos++;
            SkipWhitespace();
            if (!AtEnd && _text[_pos] == ')')
            {
                _nesting--;
                return Fail($"expected a condition inside {word}( at {_pos}", _pos);
            }
            var inner = ParseOr($"'{word}('");
            _nesting--;
            if (inner is null) return null;
            SkipWhitespace();
            if (!AtEnd && _text[_pos] == ',')
                return Fail($"{word}(...) takes one condition, found ',' at {_pos}: combine several with {(word == "and" ? "&&" : "||")}", _pos);
            if (!Expect(')', $" to close '{word}(' at {start}")) return null;
            var operands = EquatableArray.Create(inner);
            return word == "and" ? new ChoiceRuleSpec { And = operands } : new ChoiceRuleSpec { Or = operands };
        }

        private ChoiceRuleSpec? ParseTypeTest(string function, string op)
        {
            var start = _pos;
            _pos += function.Length;
            SkipWhitespace();
            if (AtEnd || _text[_pos] != '(') return Fail($"expected '(' after '{function}' at {_pos}", _pos);
            _pos++;
            SkipWhitespace();
            var variable = ParseSubject($"inside {function}(");
            if (variable is null) return null;
            if (!Expect(')', $" to close '{function}(' at {start}")) return null;

            var afterCall = _pos;
            SkipWhitespace();
            var value = true;
            var negate = false;
            if (Peek("==") || Peek("!="))
            {
                var opStart = _pos;
                negate = _text[_pos] == '!';
                _pos += 2;
                SkipWhitespace();
                var word = AtEnd || !ConditionSyntax.IsIdentifierStart(_text[_pos]) ? "" : PeekIdentifier();
                if (word != "true" && word != "false")
                    return Fail($"expected true or false after '{_text.Substring(opStart, 2)}' at {_pos}: {function}(...) is a test, compare it only with true or false", _pos);
                _pos += word.Length;
                value = word == "true";
            }
            else if (!AtEnd && (_text[_pos] == '<' || _text[_pos] == '>' || PeekWord("matches")))
            {
                return Fail($"{function}(...) is a test at {_pos}: compare it only with == true or == false", _pos);
            }
            else
            {
                _pos = afterCall;
            }
            var rule = new ChoiceRuleSpec { Variable = variable, Operator = op, Operand = JsonValue.Boolean(value) };
            return negate ? new ChoiceRuleSpec { Not = rule } : rule;
        }

        private ChoiceRuleSpec? ParseComparison()
        {
            var variable = ParseSubject(null);
            if (variable is null) return null;
            SkipWhitespace();

            var opStart = _pos;
            string symbol;
            if (Peek("==") || Peek("!=") || Peek("<=") || Peek(">=")) symbol = _text.Substring(_pos, 2);
            else if (Peek("<") || Peek(">")) symbol = _text.Substring(_pos, 1);
            else if (PeekWord("matches")) symbol = "matches";
            else if (Peek("="))
                return Fail($"expected '==' at {_pos}, found '=': comparisons use ==", _pos);
            else if (AtEnd || Peek("&&") || Peek("||") || Peek(")"))
                return Fail($"expected an operator (==, !=, <, <=, >, >=, matches) after the path at {_pos}: a path alone is not a condition; to test that it exists write isPresent({Shorten(variable)})", _pos);
            else
                return Fail($"expected an operator (==, !=, <, <=, >, >=, matches) after the path at {_pos}, found {Describe(_pos)}", _pos);
            _pos += symbol.Length;
            SkipWhitespace();

            var operandStart = _pos;
            var operand = ParseOperand(symbol);
            if (operand is null) return null;
            var (family, isPath, value, wrapped) = (operand.Family, operand.IsPath, operand.Value, operand.Wrapped);

            var negate = symbol == "!=";
            var relation = negate ? "==" : symbol;
            if (relation == "matches")
            {
                if (isPath)
                    return Fail($"'matches' needs a literal pattern such as '*.csv' at {operandStart}: ASL has no StringMatchesPath", operandStart);
                if (family != OperandFamily.String)
                    return Fail(wrapped
                        ? $"'matches' needs a string pattern at {operandStart}: only string(...) can wrap it"
                        : $"'matches' needs a string pattern such as '*.csv' at {operandStart}", operandStart);
            }
            var name = ConditionSyntax.OperatorName(family, relation, isPath);
            if (name is null)
                return Fail($"{(isPath ? "boolean paths" : "booleans")} can only be compared with == or != at {opStart}", opStart);

            var rule = new ChoiceRuleSpec { Variable = variable, Operator = name, Operand = value };
            return negate ? new ChoiceRuleSpec { Not = rule } : rule;
        }

        // A path, written bare ($...) or as path('...') for text that does not lex as one.
        private string? ParseSubject(string? where)
        {
            SkipWhitespace();
            var start = _pos;
            if (!AtEnd && _text[_pos] == '$')
            {
                var end = ConditionSyntax.ScanPath(_text, _pos, out var error, out var errorOffset);
                if (end < 0) return Fail<string>(error!, errorOffset);
                _pos = end;
                return _text.Substring(start, end - start);
            }
            if (!AtEnd && ConditionSyntax.IsIdentifierStart(_text[_pos]) && PeekIdentifier() == "path")
            {
                _pos += 4;
                SkipWhitespace();
                if (AtEnd || _text[_pos] != '(') return Fail<string>($"expected '(' after 'path' at {_pos}", _pos);
                _pos++;
                SkipWhitespace();
                if (AtEnd || (_text[_pos] != '\'' && _text[_pos] != '"'))
                    return Fail<string>($"expected a quoted string inside path( at {_pos}, for example path('status')", _pos);
                var raw = ParseString();
                if (raw is null) return null;
                if (!Expect(')', $" to close 'path(' at {start}")) return null;
                return raw;
            }
            return Fail<string>($"expected a path such as $.x or path('...'){(where is null ? "" : " " + where)} at {start}", start);
        }

        private Operand? ParseOperand(string symbol)
        {
            var start = _pos;
            var expected = $"expected a literal or a typed path such as number($.limit) after '{symbol}' at {start}";
            if (AtEnd) return Fail<Operand>(expected, start);
            var c = _text[start];
            if (c == '\'' || c == '"')
            {
                var s = ParseString();
                return s is null ? null : new Operand(OperandFamily.String, false, JsonValue.String(s, start), false);
            }
            if (c == '-' || ConditionSyntax.IsDigit(c))
            {
                var n = ParseNumber();
                return n is null ? null : new Operand(OperandFamily.Numeric, false, n, false);
            }
            if (c == '$')
                return Fail<Operand>($"a path on the right needs its type at {start}: write string($...), number($...), boolean($...) or timestamp($...)", start);
            if (c == '[' || c == '{')
                return Fail<Operand>($"a JSON {(c == '[' ? "array" : "object")} needs its type at {start}: wrap it in string(...), number(...), boolean(...) or timestamp(...)", start);
            if (!ConditionSyntax.IsIdentifierStart(c)) return Fail<Operand>(expected, start);

            var word = PeekIdentifier();
            if (word == "true" || word == "false")
            {
                _pos += word.Length;
                return new Operand(OperandFamily.Boolean, false, JsonValue.Literal(word == "true" ? JsonKind.True : JsonKind.False, start), false);
            }
            if (word == "null")
                return Fail<Operand>($"null needs its type at {start}: write string(null), number(null), boolean(null) or timestamp(null)", start);
            if (word == "path")
                return Fail<Operand>($"a path on the right needs its type at {start}: write string(path('...')), number(path('...')), boolean(path('...')) or timestamp(path('...'))", start);
            if (!ConditionSyntax.Wrappers.TryGetValue(word, out var family))
                return Fail<Operand>($"{expected}, found '{word}'{Suggest(word)}", start);

            _pos += word.Length;
            SkipWhitespace();
            if (AtEnd || _text[_pos] != '(') return Fail<Operand>($"expected '(' after '{word}' at {_pos}", _pos);
            _pos++;
            SkipWhitespace();
            var innerStart = _pos;
            Operand result;
            if (!AtEnd && (_text[_pos] == '$' || (ConditionSyntax.IsIdentifierStart(_text[_pos]) && PeekIdentifier() == "path")))
            {
                var path = ParseSubject(null);
                if (path is null) return null;
                result = new Operand(family, true, JsonValue.String(path, innerStart), true);
            }
            else
            {
                if (!AtEnd && ConditionSyntax.IsIdentifierStart(_text[_pos]) && ConditionSyntax.Wrappers.ContainsKey(PeekIdentifier()))
                    return Fail<Operand>($"expected a literal or a path inside {word}( at {_pos}: wrappers do not nest", _pos);
                var literal = ParseJson(0, $"inside {word}(");
                if (literal is null) return null;
                result = new Operand(family, false, literal, true);
            }
            if (!Expect(')', $" to close '{word}(' at {start}")) return null;
            return result;
        }

        // Any JSON value, with '...' strings allowed too (so objects and arrays stay writable
        // inside a C# string without escaping), for the odd operands a wrapper can carry.
        private JsonValue? ParseJson(int depth, string where)
        {
            SkipWhitespace();
            var start = _pos;
            if (depth > ConditionSyntax.MaxLiteralDepth)
                return Fail<JsonValue>($"the literal nests deeper than {ConditionSyntax.MaxLiteralDepth} levels at {start}", start);
            var expected = $"expected a literal (a string, number, true, false, null, [...] or {{...}}) {where} at {start}";
            if (AtEnd) return Fail<JsonValue>(expected, start);
            var c = _text[start];
            if (c == '\'' || c == '"')
            {
                var s = ParseString();
                return s is null ? null : JsonValue.String(s, start);
            }
            if (c == '-' || ConditionSyntax.IsDigit(c)) return ParseNumber();
            if (c == '[')
            {
                _pos++;
                var items = new List<JsonValue>();
                SkipWhitespace();
                if (!AtEnd && _text[_pos] == ']')
                {
                    _pos++;
                    return JsonValue.Array(items, start);
                }
                while (true)
                {
                    var item = ParseJson(depth + 1, "in the array");
                    if (item is null) return null;
                    items.Add(item);
                    SkipWhitespace();
                    if (!AtEnd && _text[_pos] == ',') { _pos++; continue; }
                    if (!AtEnd && _text[_pos] == ']') { _pos++; return JsonValue.Array(items, start); }
                    return Fail<JsonValue>($"expected ',' or ']' in the array at {_pos}", _pos);
                }
            }
            if (c == '{')
            {
                _pos++;
                var members = new List<JsonProperty>();
                SkipWhitespace();
                if (!AtEnd && _text[_pos] == '}')
                {
                    _pos++;
                    return JsonValue.Object(members, start);
                }
                while (true)
                {
                    SkipWhitespace();
                    var nameStart = _pos;
                    if (AtEnd || (_text[_pos] != '\'' && _text[_pos] != '"'))
                        return Fail<JsonValue>($"expected a quoted member name in the object at {_pos}", _pos);
                    var name = ParseString();
                    if (name is null) return null;
                    if (!Expect(':', " after the member name")) return null;
                    var value = ParseJson(depth + 1, "in the object");
                    if (value is null) return null;
                    members.Add(new JsonProperty(name, value, nameStart));
                    SkipWhitespace();
                    if (!AtEnd && _text[_pos] == ',') { _pos++; continue; }
                    if (!AtEnd && _text[_pos] == '}') { _pos++; return JsonValue.Object(members, start); }
                    return Fail<JsonValue>($"expected ',' or '}}' in the object at {_pos}", _pos);
                }
            }
            if (ConditionSyntax.IsIdentifierStart(c))
            {
                var word = PeekIdentifier();
                var kind = word switch { "true" => JsonKind.True, "false" => JsonKind.False, "null" => JsonKind.Null, _ => (JsonKind?)null };
                if (kind is not null)
                {
                    _pos += word.Length;
                    return JsonValue.Literal(kind.Value, start);
                }
                return Fail<JsonValue>($"{expected}, found '{word}'", start);
            }
            return Fail<JsonValue>($"{expected}, found {Describe(start)}", start);
        }

        // A JSON number, kept as written. The lexeme runs over everything a number could be
        // confused with, so "1.5.2", "12abc" or an unquoted 2026-01-01T00:00:00Z is reported
        // whole rather than split.
        private JsonValue? ParseNumber()
        {
            var start = _pos;
            var end = start;
            while (end < _text.Length)
            {
                var ch = _text[end];
                if (ConditionSyntax.IsIdentifierPart(ch) || ch == '.' || ch == '+' || ch == '-' || ch == ':')
                    end++;
                else
                    break;
            }
            var lexeme = _text.Substring(start, end - start);
            if (!ConditionSyntax.IsJsonNumber(lexeme))
            {
                var looksLikeTime = lexeme.IndexOf(':') >= 0 || lexeme.IndexOf('-', 1) >= 0;
                return Fail<JsonValue>(looksLikeTime
                    ? $"'{lexeme}' is not a number at {start}: a timestamp is a quoted string, for example timestamp('2026-01-01T00:00:00Z')"
                    : $"'{lexeme}' is not a number at {start}: numbers are written as in JSON, for example 3, -0.5 or 1e3", start);
            }
            _pos = end;
            return JsonValue.Number(lexeme, start);
        }

        private string? ParseString()
        {
            var start = _pos;
            var quote = _text[_pos++];
            var sb = new StringBuilder();
            while (true)
            {
                if (AtEnd) return Fail<string>($"unterminated string starting at {start}: close it with {quote}", start);
                var c = _text[_pos];
                if (c == quote)
                {
                    _pos++;
                    return sb.ToString();
                }
                if (c != '\\')
                {
                    sb.Append(c);
                    _pos++;
                    continue;
                }
                var escape = _pos;
                _pos++;
                if (AtEnd) return Fail<string>($"unterminated string starting at {start}: close it with {quote}", start);
                var e = _text[_pos++];
                switch (e)
                {
                    case '\\': sb.Append('\\'); break;
                    case '\'': sb.Append('\''); break;
                    case '"': sb.Append('"'); break;
                    case '/': sb.Append('/'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'u':
                        var code = 0;
                        for (var i = 0; i < 4; i++)
                        {
                            var h = _pos < _text.Length ? HexValue(_text[_pos]) : -1;
                            if (h < 0) return Fail<string>($"expected four hex digits after \\u at {escape}", escape);
                            code = code * 16 + h;
                            _pos++;
                        }
                        sb.Append((char)code);
                        break;
                    default:
                        return Fail<string>($"unknown escape '\\{e}' at {escape}: strings accept \\\\ \\' \\\" \\n \\r \\t \\b \\f \\/ and \\uXXXX", escape);
                }
            }
        }

        private static int HexValue(char c) =>
            c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

        private bool Enter(int at)
        {
            if (++_nesting <= ConditionSyntax.MaxNesting) return true;
            Fail($"the condition nests more than {ConditionSyntax.MaxNesting} levels of '(', '!', and(...) or or(...) at {at}", at);
            return false;
        }

        // purpose completes "expected ')' at 12": " to close 'number(' at 7".
        private bool Expect(char c, string purpose)
        {
            SkipWhitespace();
            if (!AtEnd && _text[_pos] == c)
            {
                _pos++;
                return true;
            }
            Fail($"expected '{c}' at {_pos}{purpose}, found {Describe(_pos)}", _pos);
            return false;
        }

        private void SkipWhitespace()
        {
            while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
        }

        private bool Peek(string token) => _pos + token.Length <= _text.Length && string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0;

        private bool PeekWord(string word) =>
            Peek(word) && (_pos + word.Length == _text.Length || !ConditionSyntax.IsIdentifierPart(_text[_pos + word.Length]));

        private string PeekIdentifier()
        {
            var end = _pos;
            while (end < _text.Length && ConditionSyntax.IsIdentifierPart(_text[end])) end++;
            return _text.Substring(_pos, end - _pos);
        }

        private string Describe(int at)
        {
            if (at >= _text.Length) return "the end of the condition";
            var c = _text[at];
            if (ConditionSyntax.IsIdentifierStart(c))
            {
                var end = at;
                while (end < _text.Length && ConditionSyntax.IsIdentifierPart(_text[end])) end++;
                return $"'{_text.Substring(at, end - at)}'";
            }
            return char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";
        }

        private static string Shorten(string path) => path.Length <= 40 ? path : path.Substring(0, 37) + "...";

        private static string Suggest(string word)
        {
            foreach (var keyword in ConditionSyntax.Keywords)
                if (string.Equals(keyword, word, StringComparison.OrdinalIgnoreCase)) return $": did you mean '{keyword}'?";
            return word switch
            {
                "not" => ": write '!' for not",
                "AND" or "And" => ": write '&&'",
                "OR" or "Or" => ": write '||'",
                _ => ": expected a path ($...), a test such as isPresent($.x), '!' or '('",
            };
        }

        private ChoiceRuleSpec? Fail(string message, int at) => Fail<ChoiceRuleSpec>(message, at);

        private T? Fail<T>(string message, int at) where T : class
        {
            if (Error is null)
            {
                Error = message;
                ErrorOffset = at;
            }
            return null;
        }

    }
}
