using System.Text;
using System.Threading;
using Flowstate.Core.Json;
using Flowstate.Core.Model;

namespace Flowstate.Core.Validation;

/// <summary>
/// A lower bound of the UTF-8 byte length of the ASL text of a machine (compact JSON of its values and
/// names), so that FLOW5008 can skip serializing machines that are nowhere near 1 MB. Escaping only
/// lengthens a string, so the UTF-8 bytes of the raw strings never over-count.
/// </summary>
internal static class DefinitionSize
{
    public static long LowerBound(StateMachineSpec m, CancellationToken ct)
    {
        long n = 2 + Str(m.Comment) + Val(m.TimeoutSeconds) + Str(m.QueryLanguage) + Str(m.Version) + Extras(m.Extras);
        return n + Scope(m.Root, ct);
    }

    private static long Str(string? s) => s is null ? 0 : Bytes(s) + 6;

    private static long Bytes(string s) => Encoding.UTF8.GetByteCount(s);

    private static long Val(JsonValue? v) => v is null ? 0 : Bytes(JsonWriter.Write(v, indented: false)) + 4;

    private static long Extras(EquatableArray<ExtraField> extras)
    {
        long n = 0;
        foreach (var e in extras) n += Bytes(e.Name) + 3 + Val(e.Value);
        return n;
    }

    private static long Scope(ScopeSpec scope, CancellationToken ct)
    {
        long n = 20 + Str(scope.StartAt) + Str(scope.Comment) + Val(scope.ProcessorConfig) + Extras(scope.Extras);
        foreach (var s in scope.States)
        {
            ct.ThrowIfCancellationRequested();
            n += State(s, ct);
        }
        return n;
    }

    private static long State(StateSpec s, CancellationToken ct)
    {
        long n = Bytes(s.Name) + 6 + Val(s.Raw) + Str(s.Type) + Str(s.Comment) + Str(s.QueryLanguage) + Str(s.Next) + (s.End is null ? 0 : 8)
                 + Val(s.InputPath) + Val(s.OutputPath) + Val(s.ResultPath) + Val(s.Parameters) + Val(s.ResultSelector) + Val(s.Arguments)
                 + Val(s.Output) + Val(s.Assign) + Val(s.Result) + Str(s.Resource) + Val(s.TimeoutSeconds) + Str(s.TimeoutSecondsPath)
                 + Val(s.HeartbeatSeconds) + Str(s.HeartbeatSecondsPath) + Val(s.Credentials) + Str(s.Default) + Val(s.Seconds)
                 + Str(s.SecondsPath) + Val(s.Timestamp) + Str(s.TimestampPath) + Str(s.Error) + Str(s.ErrorPath) + Str(s.Cause)
                 + Str(s.CausePath) + Str(s.ItemsPath) + Val(s.Items) + Val(s.ItemSelector) + Val(s.ItemReader) + Val(s.ItemBatcher)
                 + Val(s.ResultWriter) + Val(s.MaxConcurrency) + Str(s.MaxConcurrencyPath) + Val(s.ToleratedFailureCount)
                 + Str(s.ToleratedFailureCountPath) + Val(s.ToleratedFailurePercentage) + Str(s.ToleratedFailurePercentagePath)
                 + Str(s.Label) + Extras(s.Extras);
        if (s.Retry is { } retry)
            foreach (var r in retry)
            {
                n += 4 + Val(r.IntervalSeconds) + Val(r.MaxAttempts) + Val(r.BackoffRate) + Val(r.MaxDelaySeconds) + Str(r.JitterStrategy) + Str(r.Comment) + Extras(r.Extras);
                if (r.ErrorEquals is { } errors) foreach (var e in errors) n += Bytes(e) + 3;
            }
        if (s.Catch is { } catchers)
            foreach (var c in catchers)
            {
                n += 4 + Str(c.Next) + Val(c.ResultPath) + Val(c.Output) + Val(c.Assign) + Str(c.Comment) + Extras(c.Extras);
                if (c.ErrorEquals is { } errors) foreach (var e in errors) n += Bytes(e) + 3;
            }
        if (s.Choices is { } rules) foreach (var r in rules) n += Rule(r);
        if (s.Branches is { } branches) foreach (var b in branches) n += Scope(b, ct);
        if (s.Processor is { } p) n += Scope(p, ct);
        return n;
    }

    private static long Rule(ChoiceRuleSpec r)
    {
        long n = 2 + Str(r.Variable) + Str(r.Operator) + Val(r.Operand) + Val(r.Condition) + Str(r.Next) + Str(r.Comment) + Val(r.Assign) + Val(r.Output) + Extras(r.Extras);
        if (r.And is { } and) foreach (var x in and) n += Rule(x);
        if (r.Or is { } or) foreach (var x in or) n += Rule(x);
        if (r.Not is { } not) n += Rule(not);
        return n;
    }
}
