using Flowstate.Core.Asl;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Core.Validation;

namespace Flowstate.Generator.Tests.Analyzers;

/// <summary>
/// The same precision for ASL files (flowstate validate): with <see cref="JsonLocations.ForText"/> a
/// finding inside a JSON value lands on that value in the file; without a resolver, on the field.
/// </summary>
public class JsonLocationsTests
{
    private const string Definition = """
        {
          "StartAt": "Send",
          "States": {
            "Send": {
              "Type": "Pass",
              "Parameters": { "QueueUrl": "q", "MessageBody.$": "$.order[0" },
              "End": true
            }
          }
        }
        """;

    [Fact]
    public void AslFile_WithResolver_FindingOnTheJsonString()
    {
        var spec = AslReader.Read(Definition, "m", "/defs/m.asl.json").Spec!;
        var found = SpecValidator.Validate(spec, new ValidationOptions { JsonLocations = JsonLocations.ForText("/defs/m.asl.json", Definition) }, CancellationToken.None);
        var d = Assert.Single(found, f => f.Id == DiagnosticIds.InvalidPath);
        Assert.Equal("\"$.order[0\"", Definition.Substring(d.Location.Start, d.Location.Length));
        Assert.Equal("/defs/m.asl.json", d.Location.FilePath);
        Assert.Equal(5, d.Location.StartLine);
        Assert.Equal(Definition.Split('\n')[5].IndexOf("\"$.order[0\"", StringComparison.Ordinal), d.Location.StartColumn);
    }

    [Fact]
    public void AslFile_WithoutResolver_FindingOnTheField()
    {
        var spec = AslReader.Read(Definition, "m", "/defs/m.asl.json").Spec!;
        var d = Assert.Single(SpecValidator.Validate(spec, CancellationToken.None), f => f.Id == DiagnosticIds.InvalidPath);
        Assert.Equal("\"Parameters\"", Definition.Substring(d.Location.Start, d.Location.Length));
    }

    [Fact]
    public void Resolver_OffsetOutsideText_Unknown()
    {
        var resolve = JsonLocations.ForText("f", "{}");
        Assert.False(resolve(default, 5, 1).IsKnown);
        Assert.True(resolve(default, 0, 2).IsKnown);
    }
}
