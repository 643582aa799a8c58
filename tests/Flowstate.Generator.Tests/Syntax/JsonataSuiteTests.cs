using System.Text.Json;
using Flowstate.Core.Syntax;

namespace Flowstate.Generator.Tests.Syntax;

/// <summary>
/// <see cref="JsonataSyntax"/> against expressions of the reference implementation's own test suite
/// (Syntax/JsonataJs, provenance in its README): no false error on valid expressions, and the syntax
/// errors it claims to catch are caught (issue 11 item 11).
/// </summary>
public class JsonataSuiteTests
{
    private static readonly JsonElement s_fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Syntax", "JsonataJs", "expressions.json"))).RootElement;

    [Fact]
    public void ValidExpressions_NoError()
    {
        var valid = s_fixture.GetProperty("valid").EnumerateArray().ToList();
        Assert.True(valid.Count > 300, "fixture too small");
        var falseErrors = valid
            .Select(v => (Case: v.GetProperty("case").GetString(), Expr: v.GetProperty("expr").GetString()!))
            .Select(v => (v.Case, v.Expr, Error: JsonataSyntax.Check(v.Expr)))
            .Where(v => v.Error is not null)
            .Select(v => $"{v.Case}: {v.Expr} -> {v.Error!.Value.Message} at {v.Error.Value.Position}")
            .ToList();
        Assert.True(falseErrors.Count == 0, "false errors:\n" + string.Join("\n", falseErrors));
    }

    [Fact]
    public void SyntaxErrorCases_CaughtWhereClaimed()
    {
        var errors = s_fixture.GetProperty("errors").EnumerateArray().ToList();
        var missed = new List<string>();
        var caught = 0;
        foreach (var e in errors)
        {
            var expr = e.GetProperty("expr").GetString()!;
            var found = JsonataSyntax.Check(expr);
            if (found is not null)
            {
                caught++;
                Assert.InRange(found.Value.Position, 0, expr.Length);
            }
            if (e.GetProperty("caught").GetBoolean() && found is null)
                missed.Add($"{e.GetProperty("case").GetString()} ({e.GetProperty("code").GetString()}): {expr}");
        }
        Assert.True(missed.Count == 0, "not caught:\n" + string.Join("\n", missed));
        Assert.Equal(errors.Count(e => e.GetProperty("caught").GetBoolean()), caught);
    }
}
