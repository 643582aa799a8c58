using Flowstate.Core.Asl;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using Flowstate.Generator.Tests.Support;

using JsonEquivalence = Flowstate.Tests.Shared.JsonEquivalence;
using Flowstate.Tests.Shared;

namespace Flowstate.Generator.Tests.Asl;

internal static class AslTestHelpers
{
    /// <summary>Reads a definition that must be valid JSON; fails the test with the diagnostic otherwise.</summary>
    public static StateMachineSpec Read(string json, string? path = "test.asl.json")
    {
        var result = AslReader.Read(json, "test", path);
        Assert.True(result.Diagnostics.IsEmpty, string.Join("; ", result.Diagnostics.Select(d => string.Join(" | ", d.MessageArgs))));
        return result.Spec!;
    }

    /// <summary>Read -> Write must give the same JSON (order aside), and a second pass the same bytes.</summary>
    public static string AssertRoundTrips(string json)
    {
        var original = JsonReader.Parse(json).Value!;
        var written = AslWriter.Write(Read(json));
        var reread = JsonReader.Parse(written);
        Assert.True(reread.Success, reread.Error);
        JsonEquivalence.AssertEquivalent(original, reread.Value!);
        Assert.Equal(written, AslWriter.Write(Read(written)));
        return written;
    }

    public static StateSpec State(StateMachineSpec spec, string name) => spec.Root.States.Single(s => s.Name == name);

    /// <summary>Single-quoted JSON for readable test literals: ' becomes ".</summary>
    public static string Q(string singleQuoted) => singleQuoted.Replace('\'', '"');
}
