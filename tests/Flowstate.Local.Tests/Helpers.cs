using Flowstate.Core.Json;
using Flowstate.Local;
using JsonValue = Flowstate.Core.Json.JsonValue;

namespace Flowstate.Local.Tests;

internal static class H
{
    /// <summary>A one-state machine: a Pass state with the given fields (JSON members text).</summary>
    public static string PassMachine(string fields) => $$"""{ "StartAt": "S", "States": { "S": { "Type": "Pass", {{fields}}, "End": true } } }""";

    public static ExecutionResult Run(string asl, string input = "{}", Action<LocalRunner>? configure = null)
    {
        var runner = LocalRunner.FromAsl(asl, "test");
        configure?.Invoke(runner);
        return runner.Run(input);
    }

    /// <summary>Asserts JSON equality (numbers by value, objects regardless of member order).</summary>
    public static void JsonEqual(string expected, JsonValue? actual)
    {
        Assert.NotNull(actual);
        var e = LocalJson.Parse(expected);
        // The tests' own comparer (tests/Shared), not the runner's JsonCompare: a test must not judge the runner by its own code.
        Assert.True(Flowstate.Tests.Shared.JsonEquivalence.Equivalent(e, actual!, out var difference),
            $"expected {LocalJson.Write(e)}\n  actual {LocalJson.Write(actual!)}\n  first difference: {difference}");
    }

    public static void Succeeds(ExecutionResult r, string expectedOutput)
    {
        Assert.True(r.Status == ExecutionStatus.Succeeded, $"expected SUCCEEDED, got {r}");
        JsonEqual(expectedOutput, r.Output);
    }

    public static void Fails(ExecutionResult r, string error, string? causeContains = null)
    {
        Assert.True(r.Status == ExecutionStatus.Failed, $"expected FAILED with {error}, got {r}");
        Assert.Equal(error, r.Error);
        if (causeContains is not null) Assert.Contains(causeContains, r.Cause ?? "");
    }
}
