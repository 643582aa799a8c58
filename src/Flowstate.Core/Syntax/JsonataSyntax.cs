using System;
using System.Collections.Generic;
using System.Globalization;

namespace Flowstate.Core.Syntax;

/// <summary>The first syntax error of a JSONata expression: where (a character index of the expression) and what.</summary>
public readonly struct JsonataError
{
    public JsonataError(int position, int length, string message)
    {
        Position = position;
        Length = length;
        Message = message;
    }

    /// <summary>Index in the expression text of the first character at fault.</summary>
    public int Position { get; }

    /// <summary>How many characters are at fault (at least 1 unless the error is at the end).</summary>
    public int Length { get; }

    public string Message { get; }
}

/// <summary>
/// A JSONata syntax checker: a tokenizer and a top-down operator-precedence (Pratt) parser that follows
/// the grammar of the reference implementation (docs.jsonata.org, jsonata-js src/parser.js: the same
/// binding powers, prefix and infix forms), including what Step Functions' JSONata accepts: variables
/// (<c>$states</c>), regex literals, transforms <c>| ... | ... |</c>, lambdas with signatures,
/// <c>~&gt;</c>, the parent operator <c>%</c>, <c>??</c> and <c>?:</c>, comments.
/// </summary>
/// <remarks>
/// Hand-written because the analyzer assembly takes no third-party dependency, and a syntax check is
/// all it needs: it builds no tree and evaluates nothing. It reports only what the reference parser
/// rejects at parse time (when in doubt it accepts), so that it never flags an expression AWS accepts.
/// Recursion depth is bounded; a deeper expression is accepted unchecked rather than overflowing.
/// </remarks>
public static class JsonataSyntax
{
    /// <summary>The first syntax error of <paramref name="expression"/>, or null when it parses.</summary>
    public static JsonataError? Check(string expression)
    {
        var tokens = Tokenize(expression ?? "", out var lexError);
        if (lexError is { } e) return e;
        var parser = new Parser(tokens, (expression ?? "").Length);
        try
        {
            parser.ParseAll();
            return null;
        }
        catch (SyntaxException ex)
        {
            return ex.Error;
        }
        catch (TooDeepException)
        {
            return null;
        }
    }

    private enum Kind { Name, Variable, String, Number, Regex, Operator, End }

    private readonly struct Token
    {
        public Token(Kind kind, string value, int position, int length)
        {
            Kind = kind;
            Value = value;
            Position = position;
            Length = length;
        }

        public Kind Kind { get; }
        public string Value { get; }
        public int Position { get; }
        public int Length { get; }

        /// <summary>The symbol id as the reference parser names it.</summary>
        public string Id => Kind switch
        {
            Kind.Operator => Value,
            Kind.Name when Value is "and" or "or" or "in" => Value,
            Kind.End => "(end)",
            _ => "(" + Kind.ToString().ToLowerInvariant() + ")",
        };

        public string Describe() => Kind switch
        {
            Kind.End => "the end of the expression",
            Kind.String => "a string",
            Kind.Number => "number " + Value,
            _ => "'" + Value + "'",
        };
    }

    private sealed class SyntaxException : Exception
    {
        public SyntaxException(JsonataError error) : base(error.Message) => Error = error;
        public JsonataError Error { get; }
    }

    private sealed class TooDeepException : Exception { }

    private const string OperatorChars = ".[]{}(),@#;:?+-*/%|=<>^&!~";

    private static readonly string[] TwoCharOperators = { "..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??" };

    private static List<Token> Tokenize(string text, out JsonataError? error)
    {
        error = null;
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            // Whitespace and /* comments */.
            while (i < text.Length)
            {
                var c = text[i];
                if (c is ' ' or '\t' or '\n' or '\r' or '\v') { i++; continue; }
                if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
                {
                    var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    if (end < 0) { error = new JsonataError(i, 2, "a /* comment is not closed"); return tokens; }
                    i = end + 2;
                    continue;
                }
                break;
            }
            if (i >= text.Length)
            {
                tokens.Add(new Token(Kind.End, "", text.Length, 0));
                return tokens;
            }
            var ch = text[i];
            var start = i;

            // A regex literal where an operand is expected (after an operator or at the start).
            if (ch == '/' && ExpectsOperand(tokens))
            {
                i++;
                var depth = 0;
                var closed = false;
                while (i < text.Length)
                {
                    var r = text[i];
                    if (r == '\\') { i += 2; continue; }
                    if (r is '(' or '[' or '{') depth++;
                    else if (r is ')' or ']' or '}') depth--;
                    else if (r == '/' && depth <= 0) { closed = true; break; }
                    i++;
                }
                if (!closed) { error = new JsonataError(start, text.Length - start, "the regular expression starting here is not closed with '/'"); return tokens; }
                if (i == start + 1) { error = new JsonataError(start, 2, "empty regular expression"); return tokens; }
                i++;
                while (i < text.Length && text[i] is 'i' or 'm') i++;
                if (i < text.Length && char.IsLetter(text[i]))
                {
                    error = new JsonataError(i, 1, $"'{text[i]}' is not a regular expression flag (only i and m are)");
                    return tokens;
                }
                tokens.Add(new Token(Kind.Regex, text.Substring(start, i - start), start, i - start));
                continue;
            }

            if (i + 1 < text.Length && Array.IndexOf(TwoCharOperators, text.Substring(i, 2)) >= 0)
            {
                tokens.Add(new Token(Kind.Operator, text.Substring(i, 2), i, 2));
                i += 2;
                continue;
            }
            if (OperatorChars.IndexOf(ch) >= 0)
            {
                tokens.Add(new Token(Kind.Operator, ch.ToString(), i, 1));
                i++;
                continue;
            }
            if (ch is '"' or '\'')
            {
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    var s = text[i];
                    if (s == '\\')
                    {
                        if (i + 1 >= text.Length) break;
                        var esc = text[i + 1];
                        if (esc == 'u')
                        {
                            var hex = i + 6 <= text.Length ? text.Substring(i + 2, 4) : "";
                            if (hex.Length != 4 || !int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _))
                            {
                                error = new JsonataError(i, Math.Min(6, text.Length - i), "\\u must be followed by four hexadecimal digits");
                                return tokens;
                            }
                            i += 6;
                            continue;
                        }
                        if ("\"\\/bfnrt".IndexOf(esc) < 0)
                        {
                            error = new JsonataError(i, 2, $"'\\{esc}' is not an escape sequence (use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)");
                            return tokens;
                        }
                        i += 2;
                        continue;
                    }
                    if (s == ch) { closed = true; break; }
                    i++;
                }
                if (!closed) { error = new JsonataError(start, text.Length - start, $"the string starting here is not closed with {ch}"); return tokens; }
                i++;
                tokens.Add(new Token(Kind.String, text.Substring(start, i - start), start, i - start));
                continue;
            }
            if (ch >= '0' && ch <= '9')
            {
                // The reference tokenizer's number: 0 or [1-9][0-9]*, then .digits, then an exponent.
                if (ch == '0') i++;
                else while (i < text.Length && text[i] >= '0' && text[i] <= '9') i++;
                if (i + 1 < text.Length && text[i] == '.' && text[i + 1] >= '0' && text[i + 1] <= '9')
                {
                    i++;
                    while (i < text.Length && text[i] >= '0' && text[i] <= '9') i++;
                }
                if (i < text.Length && text[i] is 'e' or 'E')
                {
                    var j = i + 1;
                    if (j < text.Length && text[j] is '+' or '-') j++;
                    if (j < text.Length && text[j] >= '0' && text[j] <= '9')
                    {
                        i = j;
                        while (i < text.Length && text[i] >= '0' && text[i] <= '9') i++;
                    }
                }
                tokens.Add(new Token(Kind.Number, text.Substring(start, i - start), start, i - start));
                continue;
            }
            if (ch == '`')
            {
                var end = text.IndexOf('`', i + 1);
                if (end < 0) { error = new JsonataError(start, text.Length - start, "the name quoted with ` is not closed"); return tokens; }
                i = end + 1;
                tokens.Add(new Token(Kind.Name, text.Substring(start + 1, end - start - 1), start, i - start));
                continue;
            }
            // A name or a variable: everything up to whitespace or an operator character.
            while (i < text.Length && !(text[i] is ' ' or '\t' or '\n' or '\r' or '\v') && OperatorChars.IndexOf(text[i]) < 0) i++;
            var word = text.Substring(start, i - start);
            if (word[0] == '$') tokens.Add(new Token(Kind.Variable, word, start, i - start));
            else tokens.Add(new Token(Kind.Name, word, start, i - start));
        }
    }

    /// <summary>True when the next token is in operand position (where '/' starts a regex, not a division).</summary>
    private static bool ExpectsOperand(List<Token> tokens)
    {
        if (tokens.Count == 0) return true;
        var last = tokens[tokens.Count - 1];
        if (last.Kind != Kind.Operator) return last.Kind == Kind.Name && last.Value is "and" or "or" or "in";
        return last.Value is not (")" or "]" or "}" or "*" or "**" or "%");
    }

    private sealed class Parser
    {
        private const int MaxDepth = 400;
        private readonly List<Token> _tokens;
        private readonly int _length;
        private int _index;
        private int _depth;

        public Parser(List<Token> tokens, int length)
        {
            _tokens = tokens;
            _length = length;
        }

        private Token Node => _tokens[_index];

        public void ParseAll()
        {
            if (Node.Kind == Kind.End) throw Error(Node, "the expression is empty");
            Expression(0);
            if (Node.Kind != Kind.End) throw Error(Node, $"unexpected {Node.Describe()}: an operator or the end of the expression was expected");
        }

        private SyntaxException Error(Token at, string message)
            => new(new JsonataError(Math.Min(at.Position, _length), at.Kind == Kind.End ? 0 : at.Length, message));

        private Token Advance(string? expected = null)
        {
            var t = Node;
            if (expected is not null && t.Id != expected)
                throw Error(t, t.Kind == Kind.End
                    ? $"the expression ends where '{expected}' was expected"
                    : $"expected '{expected}' but found {t.Describe()}");
            if (t.Kind == Kind.Operator && !IsKnownOperator(t.Value))
                throw Error(t, $"'{t.Value}' is not a JSONata operator");
            if (_index < _tokens.Count - 1) _index++;
            return t;
        }

        private static bool IsKnownOperator(string op) => op is not ("!" or "~");

        /// <summary>Left binding power (the reference parser's operators table for infix forms, 0 otherwise).</summary>
        private static int Lbp(Token t)
        {
            if (t.Kind == Kind.Name) return t.Value switch { "and" => 30, "or" => 25, "in" => 40, _ => 0 };
            if (t.Kind != Kind.Operator) return 0;
            return t.Value switch
            {
                "." => 75,
                "[" or "(" or "@" or "#" => 80,
                "{" => 70,
                "?" => 20,
                "+" or "-" or "&" => 50,
                "*" or "/" or "%" => 60,
                "=" or "<" or ">" or "!=" or "<=" or ">=" or "^" or "~>" or "?:" or "??" => 40,
                ":=" => 10,
                _ => 0,
            };
        }

        private void Expression(int rbp)
        {
            if (++_depth > MaxDepth) throw new TooDeepException();
            var t = Advance();
            var left = Nud(t);
            while (rbp < Lbp(Node))
            {
                t = Advance();
                left = Led(t, left);
            }
            _depth--;
        }

        /// <summary>Parses a prefix form; returns what the left operand is, for the checks some infix forms make.</summary>
        private Token Nud(Token t)
        {
            switch (t.Kind)
            {
                case Kind.End:
                    throw Error(t, "the expression ends where an operand was expected");
                case Kind.Name or Kind.Variable or Kind.String or Kind.Number or Kind.Regex:
                    return t; // and/or/in in operand position are names
            }
            switch (t.Value)
            {
                case "-":
                    Expression(70);
                    return t;
                case "*" or "**" or "%":
                    return t;
                case "(":
                    if (Node.Id != ")")
                    {
                        while (true)
                        {
                            Expression(0);
                            if (Node.Id != ";") break;
                            Advance(";");
                            if (Node.Id == ")") break; // a trailing ';' is allowed
                        }
                    }
                    Advance(")");
                    return t;
                case "[":
                    if (Node.Id != "]")
                    {
                        while (true)
                        {
                            Expression(0);
                            if (Node.Id == "..")
                            {
                                Advance("..");
                                Expression(0);
                            }
                            if (Node.Id != ",") break;
                            Advance(",");
                        }
                    }
                    Advance("]");
                    return t;
                case "{":
                    ObjectBody();
                    return t;
                case "|":
                    Expression(0);
                    Advance("|");
                    Expression(0);
                    if (Node.Id == ",")
                    {
                        Advance(",");
                        Expression(0);
                    }
                    Advance("|");
                    return t;
            }
            throw Error(t, t.Value is "+" or "/" or "=" or "<" or ">" or "&" or "^" or "?" or "!=" or "<=" or ">=" or "~>" or ":=" or "@" or "#" or "?:" or "??"
                ? $"'{t.Value}' cannot start an operand (it needs a value on its left)"
                : $"unexpected '{t.Value}'");
        }

        private void ObjectBody()
        {
            if (Node.Id != "}")
            {
                while (true)
                {
                    Expression(0);
                    Advance(":");
                    Expression(0);
                    if (Node.Id != ",") break;
                    Advance(",");
                }
            }
            Advance("}");
        }

        private Token Led(Token t, Token left)
        {
            switch (t.Id)
            {
                case "." or "+" or "-" or "*" or "/" or "%" or "=" or "<" or ">" or "!=" or "<=" or ">=" or "&" or "and" or "or" or "in" or "~>" or "?:" or "??":
                    Expression(Lbp(t));
                    return t;
                case "[":
                    if (Node.Id == "]") { Advance("]"); return left; }
                    Expression(0);
                    Advance("]");
                    return t;
                case "{":
                    ObjectBody();
                    return t;
                case "(":
                    var isLambda = left.Kind == Kind.Name && left.Value is "function" or "λ";
                    if (Node.Id != ")")
                    {
                        while (true)
                        {
                            if (isLambda && Node.Kind != Kind.Variable)
                                throw Error(Node, $"a parameter of a function definition must be a variable such as $x, not {Node.Describe()}");
                            if (!isLambda && Node.Id == "?") Advance("?");
                            else Expression(0);
                            if (Node.Id != ",") break;
                            Advance(",");
                        }
                    }
                    Advance(")");
                    if (isLambda)
                    {
                        if (Node.Id == "<")
                        {
                            var depth = 1;
                            Advance("<");
                            while (depth > 0 && Node.Id != "{" && Node.Kind != Kind.End)
                            {
                                var s = Advance();
                                if (s.Id == ">") depth--;
                                else if (s.Id == "<") depth++;
                            }
                        }
                        Advance("{");
                        Expression(0);
                        Advance("}");
                    }
                    return t;
                case "?":
                    Expression(0);
                    if (Node.Id == ":")
                    {
                        Advance(":");
                        Expression(0);
                    }
                    return t;
                case ":=":
                    if (left.Kind != Kind.Variable) throw Error(t, "the left side of ':=' must be a variable such as $x");
                    Expression(Lbp(t) - 1);
                    return t;
                case "@" or "#":
                    var v = Node;
                    Expression(Lbp(t));
                    if (v.Kind != Kind.Variable) throw Error(v, $"'{t.Value}' must be followed by a variable such as $x");
                    return t;
                case "^":
                    Advance("(");
                    while (true)
                    {
                        if (Node.Id is "<" or ">") Advance();
                        Expression(0);
                        if (Node.Id != ",") break;
                        Advance(",");
                    }
                    Advance(")");
                    return t;
            }
            throw Error(t, $"unexpected '{t.Value}'");
        }
    }
}
