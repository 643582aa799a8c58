using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Flowstate.Core.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using static Flowstate.Core.Validation.ValidationContext;
using StateTypes = Flowstate.Core.Asl.AslVocabulary.StateTypes;

namespace Flowstate.Core.Validation;

/// <summary>
/// FLOW2xxx: ErrorEquals (States.ALL alone and last, non-empty, reserved names, shadowed entries),
/// retrier ranges, catchers' Next, and the worst-case time the retriers can take.
/// </summary>
internal static class RetryCatchRules
{
    public const long StandardMaxSeconds = 31_536_000; // one year
    public const long ExpressMaxSeconds = 300;

    public static void Run(ValidationContext ctx)
    {
        foreach (var state in ctx.States)
        {
            ctx.CancellationToken.ThrowIfCancellationRequested();
            var s = state.Spec;
            if (s.Type == StateTypes.Fail && s.Error is { } raised && IsReservedName(raised) && !(state.IsJsonata && PathRules.LooksLikeJsonata(raised)))
                ctx.Report(Rules.ReservedErrorName, At(s, "Error"), "Error", s.Name, raised, OwnName(raised));
            if (s.Retry is { } retriers)
            {
                CheckErrorLists(ctx, state, ErrorLists(retriers, r => r.ErrorEquals), "Retrier", "retrier", i => AtRetry(s, i, "ErrorEquals"), i => AtRetry(s, i, null));
                for (var i = 0; i < retriers.Count; i++) CheckRetrier(ctx, state, i, retriers[i]);
                CheckRetryTime(ctx, state, retriers);
            }
            if (s.Catch is { } catchers)
            {
                CheckErrorLists(ctx, state, ErrorLists(catchers, c => c.ErrorEquals), "Catcher", "catcher", i => AtCatch(s, i, "ErrorEquals"), i => AtCatch(s, i, null));
                for (var i = 0; i < catchers.Count; i++)
                {
                    var c = catchers[i];
                    // The element's description is built only for a catcher that has extra fields to check.
                    if (c.Extras.Count > 0)
                        FieldRules.CheckExtras(ctx, c.Extras, AslFacts.CatcherFields, $"Catcher {Ordinal(i)} of state '{s.Name}'", f => AtCatch(s, i, f), fieldLocations: c.FieldLocations);
                    if (c.Next is null && GraphRules.FindExtra(c.Extras, "Next") is null)
                        ctx.Report(Rules.CatchWithoutNext, AtCatch(s, i, null), $"Catcher {Ordinal(i)}", s.Name);
                }
            }
        }
    }

    private static void CheckErrorLists(ValidationContext ctx, StateInfo state, List<EquatableArray<string>?> lists, string kind, string kindLower,
        Func<int, SourceRef> errorsAt, Func<int, SourceRef> elementAt)
    {
        var s = state.Spec;
        var handledBy = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lists.Count; i++)
        {
            if (lists[i] is not { } errors || errors.Count == 0)
            {
                var extras = kind == "Retrier" ? s.Retry!.Value[i].Extras : s.Catch!.Value[i].Extras;
                if (GraphRules.FindExtra(extras, "ErrorEquals") is null)
                    ctx.Report(Rules.ErrorEqualsEmpty, lists[i] is null ? elementAt(i) : errorsAt(i), Label(i), s.Name,
                        lists[i] is null ? "no ErrorEquals" : "an empty ErrorEquals");
                continue;
            }
            var hasAll = errors.Contains("States.ALL");
            if (hasAll && errors.Count > 1)
                ctx.Report(Rules.StatesAllNotAlone, errorsAt(i), Label(i), s.Name, Quote(errors.Where(e => e != "States.ALL")), kindLower);
            if (hasAll && i < lists.Count - 1)
            {
                var after = lists.Count - 1 - i;
                ctx.Report(Rules.StatesAllNotLast, errorsAt(i), Label(i), s.Name, kindLower,
                    after == 1 ? $"the {kindLower}" : $"the {after.ToString(CultureInfo.InvariantCulture)} {kindLower}s");
            }
            foreach (var error in errors)
            {
                // A Fail state of the machine may raise a States.* name itself (a Parallel branch failing on
                // purpose); then the entry does match, so only names nothing raises are reported.
                // A name no Fail state raises never matches (FLOW2004, with a did-you-mean for a misspelt
                // predefined name); one a Fail state of the machine raises does match, but both use the
                // reserved prefix, so the catcher is told so too (FLOW2013) and the Fail state gets its own.
                if (IsReservedName(error))
                {
                    if (ctx.RaisedErrors.Contains(error))
                        ctx.Report(Rules.ReservedErrorName, errorsAt(i), Label(i), s.Name, error, OwnName(error));
                    else
                    {
                        var suggestion = GraphRules.Suggest(error, AslFacts.PredefinedErrors.OrderBy(e => e, StringComparer.Ordinal));
                        ctx.Report(Rules.UnknownStatesError, errorsAt(i), Label(i), s.Name, error, suggestion is null ? "" : $" (did you mean '{suggestion}'?)");
                    }
                }
                if (handledBy.TryGetValue(error, out var earlier) && earlier != i)
                    ctx.Report(Rules.ErrorAlreadyHandled, errorsAt(i), Label(i), s.Name, error, $"{kindLower} {Ordinal(earlier)}");
                else if (!handledBy.ContainsKey(error)) handledBy.Add(error, i);
            }
        }
    
        // Built only when something is reported (a local function: no closure is allocated).
        string Label(int i) => $"{kind} {Ordinal(i)}";
    }

    // The ErrorEquals of each retrier or catcher, in an exactly sized list.
    private static List<EquatableArray<string>?> ErrorLists<T>(EquatableArray<T> elements, Func<T, EquatableArray<string>?> errorsOf)
    {
        var lists = new List<EquatableArray<string>?>(elements.Count);
        foreach (var e in elements) lists.Add(errorsOf(e));
        return lists;
    }

    /// <summary>A name with the 'States.' prefix that is not one of the errors Step Functions raises (the ASL specification reserves the prefix).</summary>
    internal static bool IsReservedName(string error) => error.StartsWith("States.", StringComparison.Ordinal) && !AslFacts.IsPredefinedError(error);

    /// <summary>The name without the reserved prefix, for the message's example.</summary>
    private static string OwnName(string error)
    {
        var rest = error.Substring("States.".Length).Trim('.');
        return rest.Length == 0 ? "MyError" : rest;
    }

    private static void CheckRetrier(ValidationContext ctx, StateInfo state, int i, RetrySpec r)
    {
        var s = state.Spec;
        // The labels are built only when something is reported: nearly every retrier is valid.
        if (r.Extras.Count > 0)
            FieldRules.CheckExtras(ctx, r.Extras, AslFacts.RetrierFields, $"Retrier {Ordinal(i)} of state '{s.Name}'", f => AtRetry(s, i, f), fieldLocations: r.FieldLocations);
        if (r.IntervalSeconds is { } interval && !IsIntegerIn(interval, 1, 99_999_999))
            ctx.Report(Rules.RetryIntervalSecondsOutOfRange, AtRetry(s, i, "IntervalSeconds"), Label(), s.Name, Describe(interval));
        if (r.MaxAttempts is { } attempts && !IsIntegerIn(attempts, 0, 99_999_999))
            ctx.Report(Rules.RetryMaxAttemptsOutOfRange, AtRetry(s, i, "MaxAttempts"), Label(), s.Name, Describe(attempts));
        if (r.BackoffRate is { } rate && !(rate.IsNumber && rate.AsDouble() >= 1.0))
            ctx.Report(Rules.RetryBackoffRateOutOfRange, AtRetry(s, i, "BackoffRate"), Label(), s.Name, Describe(rate));
        if (r.MaxDelaySeconds is { } maxDelay && !IsIntegerIn(maxDelay, 1, 31_622_400))
            ctx.Report(Rules.RetryMaxDelaySecondsOutOfRange, AtRetry(s, i, "MaxDelaySeconds"), Label(), s.Name, Describe(maxDelay));
        if (r.JitterStrategy is { } jitter && jitter is not ("FULL" or "NONE"))
            ctx.Report(Rules.RetryJitterStrategyInvalid, AtRetry(s, i, "JitterStrategy"), Label(), s.Name, JsonWriter.Quote(jitter));

        string Label() => $"retrier {Ordinal(i)}";
    }

    private static bool IsIntegerIn(JsonValue value, long min, long max) => value.TryGetInt64(out var v) && v >= min && v <= max;

    /// <summary>
    /// The longest the retriers can keep a state going: every retrier can run to its MaxAttempts
    /// (each counts its own attempts), and every attempt can last the Task's TimeoutSeconds. A
    /// Task's TimeoutSeconds bounds one attempt, not the retries, so only the execution's limit
    /// (machine TimeoutSeconds, or 5 minutes for Express) is compared.
    /// </summary>
    private static void CheckRetryTime(ValidationContext ctx, StateInfo state, EquatableArray<RetrySpec> retriers)
    {
        long limit;
        if (ctx.Machine.TimeoutSeconds is { } mt && mt.TryGetInt64(out var machineTimeout) && machineTimeout > 0)
            limit = ctx.IsExpress ? Math.Min(machineTimeout, ExpressMaxSeconds) : machineTimeout;
        else if (ctx.IsExpress)
            limit = ExpressMaxSeconds;
        else return; // a year: no realistic retry policy reaches it without a machine timeout being set

        // First the numbers; the message's text is built only when the limit is exceeded (rarely).
        double delays = 0;
        long attempts = 0;
        foreach (var r in retriers)
        {
            if (RetrierTime(r, limit) is not { } one) return; // invalid retriers are reported elsewhere
            delays += one.Sum;
            attempts += one.Max;
        }
        var perAttempt = state.Spec.TimeoutSeconds is { } ts && ts.TryGetInt64(out var t) && t > 0 ? t : 0;
        var total = delays + (attempts + 1) * (double)perAttempt;
        if (total <= limit) return;

        var limitText = ctx.Machine.TimeoutSeconds is { } m2 && m2.TryGetInt64(out var mt2) && mt2 > 0
            ? $"the state machine's TimeoutSeconds ({Seconds(limit)})"
            : "the 5 minutes an Express execution may run";
        var parts = new List<string>();
        foreach (var r in retriers)
        {
            var (max, sum) = RetrierTime(r, limit)!.Value;
            if (max > 0) parts.Add($"{max.ToString(CultureInfo.InvariantCulture)} retr{(max == 1 ? "y" : "ies")} waiting {Seconds((long)Math.Min(sum, long.MaxValue / 2))}");
        }
        var how = string.Join(", ", parts);
        if (perAttempt > 0) how += $", plus {(attempts + 1).ToString(CultureInfo.InvariantCulture)} attempts of up to {Seconds(perAttempt)} each";
        var location = retriers.Count > 0 ? AtRetry(state.Spec, 0, null) : At(state.Spec, "Retry");
        ctx.Report(Rules.RetryOutlastsTimeout, location, state.Name, Seconds((long)Math.Min(total, 9e15)), how, limitText);
    }

    /// <summary>One retrier's MaxAttempts and the sum of its delays (capped near twice the limit), or null when it is invalid.</summary>
    private static (long Max, double Sum)? RetrierTime(RetrySpec r, long limit)
    {
        var max = r.MaxAttempts is { } m && m.TryGetInt64(out var mv) ? mv : 3;
        var interval = r.IntervalSeconds is { } iv && iv.TryGetInt64(out var ivv) ? ivv : 1;
        var rate = r.BackoffRate is { } br && br.IsNumber ? br.AsDouble() : 2.0;
        double? cap = r.MaxDelaySeconds is { } md && md.TryGetInt64(out var mdv) ? mdv : null;
        if (max < 0 || interval < 1 || rate < 1) return null;
        double sum = 0;
        var delay = (double)interval;
        for (long k = 0; k < max && sum <= limit * 2.0; k++)
        {
            sum += cap is { } c ? Math.Min(delay, c) : delay;
            delay *= rate;
        }
        return (max, sum);
    }

    internal static string Seconds(long seconds)
    {
        var s = seconds.ToString("N0", CultureInfo.InvariantCulture) + (seconds == 1 ? " second" : " seconds");
        if (seconds >= 86_400) s += $" (about {(seconds / 86_400.0).ToString("0.#", CultureInfo.InvariantCulture)} days)";
        else if (seconds >= 3_600) s += $" (about {(seconds / 3_600.0).ToString("0.#", CultureInfo.InvariantCulture)} hours)";
        else if (seconds >= 120) s += $" (about {(seconds / 60.0).ToString("0.#", CultureInfo.InvariantCulture)} minutes)";
        return s;
    }
}
