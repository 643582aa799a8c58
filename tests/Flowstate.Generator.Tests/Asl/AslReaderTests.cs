using Flowstate.Core.Asl;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using static Flowstate.Generator.Tests.Asl.AslTestHelpers;

namespace Flowstate.Generator.Tests.Asl;

public class AslReaderTests
{
    // Zero-based lines; the comments give each line's number.
    private const string Located =
        "{\n" +                                                       // 0
        "  \"Comment\": \"located\",\n" +                             // 1
        "  \"StartAt\": \"Load\",\n" +                                // 2
        "  \"States\": {\n" +                                         // 3
        "    \"Load\": {\n" +                                         // 4
        "      \"Type\": \"Task\",\n" +                               // 5
        "      \"Resource\": \"arn:aws:states:::lambda:invoke\",\n" + // 6
        "      \"Retry\": [\n" +                                      // 7
        "        { \"ErrorEquals\": [\"States.ALL\"], \"BackoffRate\": 2 }\n" + // 8
        "      ],\n" +                                                // 9
        "      \"Next\": \"Check\",\n" +                              // 10
        "      \"Mystery\": 1\n" +                                    // 11
        "    },\n" +                                                  // 12
        "    \"Check\": {\n" +                                        // 13
        "      \"Type\": \"Choice\",\n" +                             // 14
        "      \"Choices\": [ { \"Variable\": \"$.ok\", \"BooleanEquals\": true, \"Next\": \"Done\" } ],\n" + // 15
        "      \"Default\": \"Done\"\n" +                             // 16
        "    },\n" +                                                  // 17
        "    \"Done\": { \"Type\": \"Succeed\" }\n" +                 // 18
        "  }\n" +                                                     // 19
        "}\n";

    private static SourceRef Field(IEnumerable<FieldLocation> locations, string name) => locations.Single(l => l.Field == name).Location;

    [Fact]
    public void FieldLocation_OfStateNext_SpansTheQuotedKey()
    {
        var load = State(Read(Located, "defs/located.asl.json"), "Load");

        var next = Field(load.FieldLocations, "Next");

        Assert.Equal(new SourceRef("defs/located.asl.json", Located.IndexOf("\"Next\": \"Check\"", StringComparison.Ordinal), 6, 10, 6, 10, 12), next);
        Assert.Equal("\"Next\"", Located.Substring(next.Start, next.Length));
    }

    [Fact]
    public void FieldLocations_OfAState_ListEveryFieldInSourceOrderExtrasIncluded()
    {
        var load = State(Read(Located), "Load");

        Assert.Equal(new[] { "Type", "Resource", "Retry", "Next", "Mystery" }, load.FieldLocations.Select(l => l.Field));
        Assert.Equal((11, 6), (Field(load.FieldLocations, "Mystery").StartLine, Field(load.FieldLocations, "Mystery").StartColumn));
    }

    [Fact]
    public void Location_OfAState_SpansItsObject()
    {
        var done = State(Read(Located), "Done");

        Assert.Equal((18, 12, 18, 33), (done.Location.StartLine, done.Location.StartColumn, done.Location.EndLine, done.Location.EndColumn));
        Assert.Equal("{ \"Type\": \"Succeed\" }", Located.Substring(done.Location.Start, done.Location.Length));
    }

    [Fact]
    public void Locations_OfRetrierAndItsBackoffRate_PointIntoTheRetryArray()
    {
        var retrier = State(Read(Located), "Load").Retry!.Value.Single();

        Assert.Equal((8, 8), (retrier.Location.StartLine, retrier.Location.StartColumn));
        var backoff = Field(retrier.FieldLocations, "BackoffRate");
        Assert.Equal((8, 41, 8, 54), (backoff.StartLine, backoff.StartColumn, backoff.EndLine, backoff.EndColumn));
        Assert.Equal("\"BackoffRate\"", Located.Substring(backoff.Start, backoff.Length));
    }

    [Fact]
    public void Locations_OfAChoiceRule_PointAtTheRuleAndItsVariable()
    {
        var rule = State(Read(Located), "Check").Choices!.Value.Single();

        Assert.Equal((15, 19), (rule.Location.StartLine, rule.Location.StartColumn));
        Assert.Equal((15, 21), (Field(rule.FieldLocations, "Variable").StartLine, Field(rule.FieldLocations, "Variable").StartColumn));
    }

    [Fact]
    public void Locations_OfTheMachine_CoverTheDocumentAndItsFields()
    {
        var spec = Read(Located);

        Assert.Equal((0, 0, 20, 1), (spec.Location.StartLine, spec.Location.StartColumn, spec.Location.EndLine, spec.Location.EndColumn));
        Assert.Equal(new[] { "Comment", "StartAt", "States" }, spec.FieldLocations.Select(l => l.Field));
        Assert.Equal((2, 2), (Field(spec.Root.FieldLocations, "StartAt").StartLine, Field(spec.Root.FieldLocations, "StartAt").StartColumn));
    }

    [Fact]
    public void Locations_WithCrLfLineEnds_CountLinesTheSame()
    {
        var crlf = Located.Replace("\n", "\r\n");

        var load = State(Read(crlf), "Load");

        var next = Field(load.FieldLocations, "Next");
        Assert.Equal((10, 6), (next.StartLine, next.StartColumn));
        Assert.Equal("\"Next\"", crlf.Substring(next.Start, next.Length));
    }

    [Fact]
    public void Locations_OfDuplicateKeys_AreBothRecorded()
    {
        var json = Q("{'StartAt':'A','States':{'A':{'Type':'Pass',\n'Next':'B',\n'Next':'C'}}}");

        var a = State(Read(json), "A");

        Assert.Equal(new[] { 1, 2 }, a.FieldLocations.Where(l => l.Field == "Next").Select(l => l.Location.StartLine));
    }

    [Fact]
    public void RawState_Location_SpansItsValue()
    {
        var json = Q("{'States':{'R':[1, 2]}}");

        var raw = Read(json).Root.States.Single();

        Assert.Equal("[1, 2]", json.Substring(raw.Location.Start, raw.Location.Length));
    }

    [Fact]
    public void NullFilePath_Read_GivesKnownLocationsWithEmptyPath()
    {
        var spec = AslReader.Read(Located, "m").Spec!;

        Assert.True(spec.Location.IsKnown);
        Assert.Equal("", spec.Location.FilePath);
    }

    [Fact]
    public void MachineName_AndWorkflowType_AreTheGivenNameAndStandard()
    {
        var spec = AslReader.Read(Located, "orders-nightly", "x").Spec!;

        Assert.Equal("orders-nightly", spec.Name);
        Assert.Equal("STANDARD", spec.WorkflowType);
        Assert.Null(spec.Type);
    }

    [Fact]
    public void CommonFields_Read_LandInTypedMembers()
    {
        var spec = Read(Located);
        var load = State(spec, "Load");
        var check = State(spec, "Check");

        Assert.Equal(("located", "Load"), (spec.Comment, spec.Root.StartAt));
        Assert.Equal(("Task", "arn:aws:states:::lambda:invoke", "Check"), (load.Type, load.Resource, load.Next));
        Assert.Equal(new[] { "States.ALL" }, load.Retry!.Value.Single().ErrorEquals!.Value);
        Assert.Equal(JsonValue.Number("2"), load.Retry.Value.Single().BackoffRate);
        Assert.Equal(new ExtraField("Mystery", JsonValue.Number("1")), load.Extras.Single());
        var rule = check.Choices!.Value.Single();
        Assert.Equal(("$.ok", "BooleanEquals", JsonValue.True, "Done"), (rule.Variable, rule.Operator, rule.Operand, rule.Next));
        Assert.Equal("Done", check.Default);
    }

    [Fact]
    public void EveryComparisonOperator_Read_IsTheRuleOperator()
    {
        Assert.Equal(39, AslReader.ComparisonOperators.Count);
        foreach (var op in AslReader.ComparisonOperators)
        {
            var json = Q("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.v','" + op + "':'$.w','Next':'C'}]}}}");

            var rule = State(Read(json), "C").Choices!.Value.Single();

            Assert.Equal(op, rule.Operator);
            Assert.Equal(JsonValue.String("$.w"), rule.Operand);
            Assert.Empty(rule.Extras);
        }
    }

    [Theory]
    [InlineData("StringEqualsPath")]
    [InlineData("StringMatches")]
    [InlineData("NumericGreaterThanEqualsPath")]
    [InlineData("TimestampLessThanEqualsPath")]
    [InlineData("IsTimestamp")]
    public void IsComparisonOperator_KnownOperator_IsTrue(string op) => Assert.True(AslReader.IsComparisonOperator(op));

    [Theory]
    [InlineData("StringMatchesPath")]
    [InlineData("stringequals")]
    [InlineData("Variable")]
    [InlineData("And")]
    public void IsComparisonOperator_OtherName_IsFalse(string name) => Assert.False(AslReader.IsComparisonOperator(name));

    [Fact]
    public void JsonataRule_Read_KeepsConditionAssignAndOutput()
    {
        var json = Q("{'QueryLanguage':'JSONata','StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Condition':'{% $states.input.n > 3 %}','Next':'C','Comment':'big','Assign':{'x':1},'Output':'{% 1 %}'}],'Default':'C'}}}");

        var spec = Read(json);
        var rule = State(spec, "C").Choices!.Value.Single();

        Assert.Equal("JSONata", spec.QueryLanguage);
        Assert.Equal(JsonValue.String("{% $states.input.n > 3 %}"), rule.Condition);
        Assert.Equal(("big", "{\"x\":1}", "\"{% 1 %}\""), (rule.Comment, rule.Assign!.ToString(), rule.Output!.ToString()));
        AssertRoundTrips(json);
    }

    [Fact]
    public void ParallelAndMap_Read_GiveScopes()
    {
        var json = Q("{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':[{'Comment':'b1','StartAt':'X','States':{'X':{'Type':'Succeed'}}}],'Next':'M'},"
            + "'M':{'Type':'Map','ItemsPath':'$.items','MaxConcurrency':5,'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED'},'StartAt':'Y','States':{'Y':{'Type':'Succeed'}}},'End':true}}}");

        var spec = Read(json);
        var branch = State(spec, "P").Branches!.Value.Single();
        var map = State(spec, "M");

        Assert.Equal(("b1", "X", "X"), (branch.Comment, branch.StartAt, branch.States.Single().Name));
        Assert.False(map.ProcessorIsIterator);
        Assert.Equal("{\"Mode\":\"DISTRIBUTED\"}", map.Processor!.ProcessorConfig!.ToString());
        Assert.Equal(("$.items", "5", "Y"), (map.ItemsPath, map.MaxConcurrency!.Text, map.Processor.StartAt));
    }

    [Fact]
    public void Cancellation_Read_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Throws<OperationCanceledException>(() => AslReader.Read(Located, "m", null, cts.Token));
    }

    public static TheoryData<string, string, int, int> InvalidDefinitions() => new()
    {
        { "", "unexpected end of text, expected a value", 0, 0 },
        { "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": { \"Type\": \"Pass\" \"End\": true }\n  }\n}", "unexpected '\"' in object, expected ',' or '}'", 3, 26 },
        { "{\n  \"States\": {\n", "unterminated object, expected a member name", 1, 12 },
        { "[{\"StartAt\": \"A\"}]", "a state machine definition must be a JSON object, not an array", 0, 0 },
        { "  \"just a string\"", "a state machine definition must be a JSON object, not a string", 0, 2 },
        { "null", "a state machine definition must be a JSON object, not null", 0, 0 },
    };

    [Theory]
    [MemberData(nameof(InvalidDefinitions))]
    public void InvalidDefinition_Read_GivesNoSpecAndOneInvalidJsonDiagnostic(string json, string message, int line, int column)
    {
        var result = AslReader.Read(json, "m", "bad.asl.json");

        Assert.Null(result.Spec);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticIds.InvalidJson, diagnostic.Id);
        Assert.Equal("FLOW0003", diagnostic.Id);
        Assert.Equal(new[] { message, $"line {line + 1}, column {column + 1}" }, diagnostic.MessageArgs);
        Assert.Equal(("bad.asl.json", line, column), (diagnostic.Location.FilePath, diagnostic.Location.StartLine, diagnostic.Location.StartColumn));
    }

    [Fact]
    public void NullText_Read_GivesDiagnosticNotException()
    {
        var result = AslReader.Read(null!, "m");

        Assert.Null(result.Spec);
        Assert.Equal(DiagnosticIds.InvalidJson, Assert.Single(result.Diagnostics).Id);
    }
}
