using Flowstate.Core.Asl;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using static Flowstate.Generator.Tests.Asl.AslTestHelpers;

namespace Flowstate.Generator.Tests.Asl;

/// <summary>
/// Definitions ASL does not allow must still be read faithfully (never repaired, never dropped)
/// and written back unchanged, so the importer can import them and the validators can see them.
/// Each case checks where the reader put the odd part, then the round trip.
/// </summary>
public class AslMalformedRoundTripTests
{
    private static readonly Dictionary<string, string> Cases = new()
    {
        ["next on succeed"] = Q("{'StartAt':'A','States':{'A':{'Type':'Succeed','Next':'B'},'B':{'Type':'Pass','End':true}}}"),
        ["end and next"] = Q("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'Next':'A'}}}"),
        ["backoff rate as string"] = Q("{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'arn','Retry':[{'ErrorEquals':['States.ALL'],'BackoffRate':'2','MaxAttempts':3}],'End':true}}}"),
        ["unknown fields everywhere"] = Q("""
            {'Zeta':1,'StartAt':'P','Alpha':{'x':[1]},'States':{
              'P':{'Type':'Parallel','Foo':true,'Branches':[{'StartAt':'B','States':{'B':{'Type':'Succeed'}},'BranchExtra':null}],
                   'Retry':[{'ErrorEquals':['E'],'RetryExtra':1}],'Catch':[{'ErrorEquals':['E'],'Next':'C','CatchExtra':2}],'Next':'C','Bar':'b'},
              'C':{'Type':'Choice','Choices':[{'Variable':'$.x','IsPresent':true,'Next':'D','RuleExtra':[]}],'Default':'D'},
              'D':{'Type':'Map','ItemProcessor':{'StartAt':'E','States':{'E':{'Type':'Succeed'}},'ProcExtra':1},'End':true}}}
            """),
        ["non-object states entry"] = Q("{'StartAt':'A','States':{'QueryLanguage':'JSONata','A':{'Type':'Succeed'},'B':[1,2],'C':null}}"),
        ["duplicate state names"] = Q("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'A'},'A':{'Type':'Succeed'}}}"),
        ["duplicate keys in a state"] = Q("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B','Type':'Task','Next':'C','End':true},'B':{'Type':'Succeed'},'C':{'Type':'Succeed'}}}"),
        ["nested choice rule with next"] = Q("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'And':[{'Variable':'$.a','IsNull':false,'Next':'X'},{'Not':{'Variable':'$.b','BooleanEquals':true,'Next':'Y'}}],'Next':'X'}]},'X':{'Type':'Succeed'},'Y':{'Type':'Succeed'}}}"),
        ["two operators in one rule"] = Q("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.a','StringEquals':'x','NumericEquals':1,'StringEquals':'y','Next':'X'}]},'X':{'Type':'Succeed'}}}"),
        ["item processor and iterator"] = Q("{'StartAt':'M','States':{'M':{'Type':'Map','Iterator':{'StartAt':'I','States':{'I':{'Type':'Succeed'}}},'ItemProcessor':{'StartAt':'J','States':{'J':{'Type':'Succeed'}}},'End':true}}}"),
        ["states missing"] = Q("{'StartAt':'A','Comment':'no states'}"),
        ["states not an object"] = Q("{'StartAt':'A','States':[{'Type':'Succeed'}]}"),
        ["branch without states"] = Q("{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':[{'StartAt':'X'},{'StartAt':'Y','States':'none'}],'End':true}}}"),
        ["wrong json types"] = Q("""
            {'StartAt':5,'TimeoutSeconds':'10','Version':1,'States':{
              'A':{'Type':'Task','Resource':{'arn':1},'End':'true','TimeoutSeconds':true,'HeartbeatSeconds':'{% $h %}','InputPath':5,'ResultPath':null,'OutputPath':false,
                   'Retry':{'ErrorEquals':['E']},'Catch':[1],'Comment':['c']},
              'B':{'Type':'Choice','Choices':[5],'Default':7},
              'C':{'Type':'Choice','Choices':[{'Variable':1,'Not':[{'IsNull':true}],'And':{'a':1},'Or':[1],'Next':null,'Condition':5}]},
              'D':{'Type':'Task','Resource':'r','Retry':[{'ErrorEquals':'States.ALL','IntervalSeconds':'1','JitterStrategy':1}],'Catch':[{'ErrorEquals':[1],'Next':2,'ResultPath':3}],'End':true},
              'E':{'Type':'Map','ItemProcessor':'p','Iterator':{'StartAt':'I','States':{'I':{'Type':'Succeed'}}},'MaxConcurrency':'{% 2 %}','Branches':{},'End':true}}}
            """),
        ["empty and odd values"] = Q("{'StartAt':'','States':{'':{},'A':{'Type':'Task','Retry':[],'Catch':[],'Parameters':'{% $x %}','Result':[1,'a',null],'Output':null,'End':false}}}"),
        ["missing type and start"] = Q("{'States':{'A':{'Next':'B'},'B':{'Comment':'only a comment'}}}"),
        ["choice rule without operator"] = Q("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Next':'X'},{'Variable':'$.v','Next':'X'},{'StringEquals':'no variable','Next':'X'}],'Default':'X'},'X':{'Type':'Succeed'}}}"),
        ["number lexemes"] = Q("{'StartAt':'W','TimeoutSeconds':3600.0,'States':{'W':{'Type':'Wait','Seconds':1e1,'Next':'T'},'T':{'Type':'Task','Resource':'r','Retry':[{'ErrorEquals':['E'],'BackoffRate':2.00,'IntervalSeconds':-0,'MaxAttempts':12345678901234567890}],'End':true}}}"),
        ["escaped names"] = Q("{'StartAt':'a\\u0022b','States':{'a\\u0022b':{'Type':'Pass','Comment':'\\ud800 lone','Next':'\\u00e9'},'é':{'Type':'Succeed'}}}"),
    };

    public static TheoryData<string> CaseLabels() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseLabels))]
    public void MalformedDefinition_ReadThenWrite_IsUnchangedAndStable(string label)
    {
        AssertRoundTrips(Cases[label]);
    }

    [Fact]
    public void NextOnSucceed_Read_KeepsBothTyped()
    {
        var a = State(Read(Cases["next on succeed"]), "A");

        Assert.Equal(("Succeed", "B"), (a.Type, a.Next));
        Assert.Empty(a.Extras);
    }

    [Fact]
    public void EndAndNext_Read_KeepsBothTyped()
    {
        var a = State(Read(Cases["end and next"]), "A");

        Assert.Equal((true, "A"), (a.End, a.Next));
    }

    [Fact]
    public void BackoffRateAsString_Read_GoesToRetrierExtras()
    {
        var retrier = State(Read(Cases["backoff rate as string"]), "A").Retry!.Value.Single();

        Assert.Null(retrier.BackoffRate);
        Assert.Equal("3", retrier.MaxAttempts!.Text);
        Assert.Equal(new[] { new ExtraField("BackoffRate", JsonValue.String("2")) }, retrier.Extras);
    }

    [Fact]
    public void UnknownFields_Read_GoToTheExtrasOfTheirElementInOrder()
    {
        var spec = Read(Cases["unknown fields everywhere"]);

        Assert.Equal(new[] { "Zeta", "Alpha" }, spec.Extras.Select(e => e.Name));
        Assert.Equal(JsonReader.Parse("{\"x\":[1]}").Value, spec.Extras[1].Value);
        var p = State(spec, "P");
        Assert.Equal(new[] { "Foo", "Bar" }, p.Extras.Select(e => e.Name));
        Assert.Equal("BranchExtra", p.Branches!.Value[0].Extras.Single().Name);
        Assert.Equal("RetryExtra", p.Retry!.Value[0].Extras.Single().Name);
        Assert.Equal("CatchExtra", p.Catch!.Value[0].Extras.Single().Name);
        Assert.Equal("RuleExtra", State(spec, "C").Choices!.Value[0].Extras.Single().Name);
        Assert.Equal("ProcExtra", State(spec, "D").Processor!.Extras.Single().Name);
    }

    [Fact]
    public void UnknownFields_Written_FollowTheTypedFieldsInSourceOrder()
    {
        var written = AslWriter.ToJson(Read(Cases["unknown fields everywhere"]));

        Assert.Equal(new[] { "StartAt", "States", "Zeta", "Alpha" }, written.Properties.Select(p => p.Name));
        Assert.Equal(new[] { "Type", "Branches", "Retry", "Catch", "Next", "Foo", "Bar" }, written["States"]!["P"]!.Properties.Select(p => p.Name));
    }

    [Fact]
    public void NonObjectStatesEntries_Read_BecomeRawStatesInPlace()
    {
        var states = Read(Cases["non-object states entry"]).Root.States;

        Assert.Equal(new[] { "QueryLanguage", "A", "B", "C" }, states.Select(s => s.Name));
        Assert.Equal(JsonValue.String("JSONata"), states[0].Raw);
        Assert.Null(states[1].Raw);
        Assert.Equal(JsonReader.Parse("[1,2]").Value, states[2].Raw);
        Assert.Equal(JsonValue.Null, states[3].Raw);
        Assert.Null(states[0].Type);
    }

    [Fact]
    public void DuplicateStateNames_Read_GiveTwoStates()
    {
        var states = Read(Cases["duplicate state names"]).Root.States;

        Assert.Equal(new[] { ("A", "Pass"), ("A", "Succeed") }, states.Select(s => (s.Name, s.Type!)));
    }

    [Fact]
    public void DuplicateKeysInAState_Read_FirstIsTypedRepeatsAreExtras()
    {
        var a = State(Read(Cases["duplicate keys in a state"]), "A");

        Assert.Equal(("Pass", "B", true), (a.Type, a.Next, a.End));
        Assert.Equal(new[] { new ExtraField("Type", JsonValue.String("Task")), new ExtraField("Next", JsonValue.String("C")) }, a.Extras);
    }

    [Fact]
    public void DuplicateKeysInAState_Written_KeepsBothOccurrences()
    {
        var written = AslWriter.ToJson(Read(Cases["duplicate keys in a state"]));

        Assert.Equal(new[] { "Type", "Next", "End", "Type", "Next" }, written["States"]!["A"]!.Properties.Select(p => p.Name));
    }

    [Fact]
    public void NestedChoiceRuleWithNext_Read_KeepsNextOnTheNestedRule()
    {
        var rule = State(Read(Cases["nested choice rule with next"]), "C").Choices!.Value.Single();

        Assert.Equal("X", rule.Next);
        Assert.Equal(("$.a", "IsNull", "X"), (rule.And!.Value[0].Variable, rule.And.Value[0].Operator, rule.And.Value[0].Next));
        var not = rule.And.Value[1].Not!;
        Assert.Equal(("$.b", "BooleanEquals", JsonValue.True, "Y"), (not.Variable, not.Operator, not.Operand, not.Next));
    }

    [Fact]
    public void TwoOperatorsInOneRule_Read_FirstIsTheOperatorOthersAreExtras()
    {
        var rule = State(Read(Cases["two operators in one rule"]), "C").Choices!.Value.Single();

        Assert.Equal(("StringEquals", JsonValue.String("x")), (rule.Operator, rule.Operand));
        Assert.Equal(new[] { new ExtraField("NumericEquals", JsonValue.Number("1")), new ExtraField("StringEquals", JsonValue.String("y")) }, rule.Extras);
    }

    [Fact]
    public void ItemProcessorAndIterator_Read_FirstIsTheProcessorSecondIsExtra()
    {
        var m = State(Read(Cases["item processor and iterator"]), "M");

        Assert.True(m.ProcessorIsIterator);
        Assert.Equal("I", m.Processor!.StartAt);
        Assert.Equal("ItemProcessor", m.Extras.Single().Name);
    }

    [Fact]
    public void MissingStates_Written_IsNotAdded()
    {
        var spec = Read(Cases["states missing"]);

        Assert.False(spec.Root.HasStates);
        Assert.Null(AslWriter.ToJson(spec)["States"]);
    }

    [Fact]
    public void StatesNotAnObject_Read_GoesToExtrasAndIsWrittenOnce()
    {
        var spec = Read(Cases["states not an object"]);

        Assert.False(spec.Root.HasStates);
        Assert.Equal("States", spec.Extras.Single().Name);
        Assert.Single(AslWriter.ToJson(spec).Properties, p => p.Name == "States");
    }

    [Fact]
    public void WrongJsonTypes_Read_GoToExtrasExceptWhereTheTypeIsAllowed()
    {
        var spec = Read(Cases["wrong json types"]);

        Assert.Null(spec.Root.StartAt);
        Assert.Null(spec.TimeoutSeconds);
        Assert.Equal(new[] { "StartAt", "TimeoutSeconds", "Version" }, spec.Extras.Select(e => e.Name));

        var a = State(spec, "A");
        Assert.Equal(JsonValue.String("{% $h %}"), a.HeartbeatSeconds); // JSONata-shaped strings are allowed for state numbers
        Assert.Equal(JsonValue.Null, a.ResultPath);                        // null is a valid ResultPath
        Assert.Null(a.Resource);
        Assert.Null(a.End);
        Assert.Null(a.Retry);
        Assert.Null(a.Catch);
        Assert.Equal(new[] { "Resource", "End", "TimeoutSeconds", "InputPath", "OutputPath", "Retry", "Catch", "Comment" }, a.Extras.Select(e => e.Name));

        var b = State(spec, "B");
        Assert.Null(b.Choices);
        Assert.Equal(new[] { "Choices", "Default" }, b.Extras.Select(e => e.Name));

        var rule = State(spec, "C").Choices!.Value.Single();
        Assert.Equal(new[] { "Variable", "Not", "And", "Or", "Next", "Condition" }, rule.Extras.Select(e => e.Name));

        var d = State(spec, "D");
        Assert.Equal(new[] { "ErrorEquals", "IntervalSeconds", "JitterStrategy" }, d.Retry!.Value[0].Extras.Select(e => e.Name));
        Assert.Equal(new[] { "ErrorEquals", "Next", "ResultPath" }, d.Catch!.Value[0].Extras.Select(e => e.Name));

        var e = State(spec, "E");
        Assert.True(e.ProcessorIsIterator);
        Assert.Equal(JsonValue.String("{% 2 %}"), e.MaxConcurrency);
        Assert.Equal(new[] { "ItemProcessor", "Branches" }, e.Extras.Select(x => x.Name));
    }

    [Fact]
    public void EmptyArraysAndJsonNull_Read_AreKeptDistinctFromAbsent()
    {
        var spec = Read(Cases["empty and odd values"]);
        var a = State(spec, "A");

        Assert.Equal("", spec.Root.StartAt);
        Assert.True(a.Retry!.Value.IsEmpty);
        Assert.True(a.Catch!.Value.IsEmpty);
        Assert.Equal(JsonValue.Null, a.Output);
        Assert.Equal(false, a.End);
        Assert.Null(a.ResultPath);
        var written = AslWriter.ToJson(spec)["States"]!["A"]!;
        Assert.Equal("[]", written["Retry"]!.ToString());
        Assert.Equal("null", written["Output"]!.ToString());
        Assert.Null(written["ResultPath"]);
    }

    [Fact]
    public void RuleWithoutOperator_Read_KeepsWhatIsThere()
    {
        var rules = State(Read(Cases["choice rule without operator"]), "C").Choices!.Value;

        Assert.Equal((null, null, "X"), (rules[0].Variable, rules[0].Operator, rules[0].Next));
        Assert.Equal(("$.v", null), (rules[1].Variable, rules[1].Operator));
        Assert.Equal((null, "StringEquals"), (rules[2].Variable, rules[2].Operator));
    }

    [Fact]
    public void NumberLexemes_RoundTrip_ByteForByte()
    {
        var written = AslWriter.Write(Read(Cases["number lexemes"]));

        Assert.Contains("\"TimeoutSeconds\": 3600.0", written);
        Assert.Contains("\"Seconds\": 1e1", written);
        Assert.Contains("\"BackoffRate\": 2.00", written);
        Assert.Contains("\"IntervalSeconds\": -0", written);
        Assert.Contains("\"MaxAttempts\": 12345678901234567890", written);
    }

    [Fact]
    public void EscapedNames_Read_AreDecodedAndWrittenBackEscaped()
    {
        var spec = Read(Cases["escaped names"]);

        Assert.Equal("a\"b", spec.Root.StartAt);
        Assert.Equal("\uD800 lone", spec.Root.States[0].Comment);
        Assert.Contains("\"Comment\": \"\\ud800 lone\"", AslWriter.Write(spec));
    }
}
