using Flowstate.Local.Paths;

namespace Flowstate.Local;

/// <summary>A Step Functions error inside the runner: a name (States.Runtime, Lambda.ServiceException, ...) and a cause.</summary>
internal sealed class StatesErrorException : Exception
{
    public StatesErrorException(string error, string? cause) : base(cause ?? error)
    {
        Error = error;
        Cause = cause;
    }

    public string Error { get; }
    public string? Cause { get; }

    public static StatesErrorException Runtime(string cause) => new(StatesErrors.Runtime, cause);
}

/// <summary>The predefined error names.</summary>
internal static class StatesErrors
{
    public const string All = "States.ALL";
    public const string Runtime = "States.Runtime";
    public const string TaskFailed = "States.TaskFailed";
    public const string Timeout = "States.Timeout";
    public const string HeartbeatTimeout = "States.HeartbeatTimeout";
    public const string DataLimitExceeded = "States.DataLimitExceeded";
    public const string ResultPathMatchFailure = "States.ResultPathMatchFailure";
    public const string NoChoiceMatched = "States.NoChoiceMatched";
    public const string ExceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold";
    public const string IntrinsicFailure = "States.IntrinsicFailure";
    public const string BranchFailed = "States.BranchFailed";
    public const string ItemReaderFailed = "States.ItemReaderFailed";
}

/// <summary>What a path or intrinsic is evaluated against: the data ($), the context object ($$) and the variables ($name).</summary>
internal sealed class EvalContext
{
    private readonly Func<JsonValue> _contextFactory;
    private JsonValue? _context;

    public EvalContext(Func<JsonValue> contextFactory, IReadOnlyDictionary<string, JsonValue> variables, Random random, string stateName)
    {
        _contextFactory = contextFactory;
        Variables = variables;
        Random = random;
        StateName = stateName;
    }

    public JsonValue ContextObject => _context ??= _contextFactory();
    public IReadOnlyDictionary<string, JsonValue> Variables { get; }
    public Random Random { get; }
    public string StateName { get; }
}

/// <summary>Evaluates paths, intrinsics and payload templates the way Step Functions does.</summary>
internal static class Evaluator
{
    /// <summary>The value of a path (or, when <paramref name="allowIntrinsic"/>, an intrinsic call) for a field.</summary>
    public static JsonValue Evaluate(string expression, JsonValue input, EvalContext ctx, string field, bool allowIntrinsic = true)
    {
        if (allowIntrinsic && expression.StartsWith("States.", StringComparison.Ordinal))
            return Intrinsics.Evaluate(expression, input, ctx, field);
        JsonPath path;
        try { path = JsonPath.Parse(expression); }
        catch (PathSyntaxException e) { throw StatesErrorException.Runtime($"The value '{expression}' of the field '{field}' in state '{ctx.StateName}' is not a valid JSONPath: {e.Message}"); }
        return EvaluatePath(path, input, ctx, field);
    }

    public static JsonValue EvaluatePath(JsonPath path, JsonValue input, EvalContext ctx, string field)
    {
        if (TryEvaluatePath(path, input, ctx, out var value)) return value;
        var where = path.Root switch
        {
            PathRoot.Context => "the context object",
            PathRoot.Variable => "the variables",
            _ => "the input",
        };
        throw StatesErrorException.Runtime(
            $"An error occurred while executing the state '{ctx.StateName}'. The JSONPath '{path.Text}' specified for the field '{field}' could not be found in {where} '{JsonCompare.Excerpt(RootOf(path, input, ctx) ?? JsonValue.Null)}'");
    }

    public static bool TryEvaluatePath(JsonPath path, JsonValue input, EvalContext ctx, out JsonValue value)
    {
        var root = RootOf(path, input, ctx);
        if (root is null)
        {
            value = JsonValue.Null;
            return false;
        }
        return path.TryEvaluate(root, out value);
    }

    private static JsonValue? RootOf(JsonPath path, JsonValue input, EvalContext ctx) => path.Root switch
    {
        PathRoot.Context => ctx.ContextObject,
        PathRoot.Variable => ctx.Variables.TryGetValue(path.Variable!, out var v) ? v : null,
        _ => input,
    };
}

/// <summary>
/// A payload template (Parameters, ResultSelector, ItemSelector, Assign, Credentials): objects and
/// arrays are copied, a key ending in ".$" takes the value of its path or intrinsic, compiled once.
/// </summary>
internal abstract class PayloadTemplate
{
    public abstract JsonValue Evaluate(JsonValue input, EvalContext ctx);

    /// <summary>Compiles a template; throws <see cref="PathSyntaxException"/> (the definition is invalid).</summary>
    public static PayloadTemplate Compile(JsonValue value, string field)
    {
        switch (value.Kind)
        {
            case JsonKind.Object:
            {
                var members = new List<(string, PayloadTemplate?, string?, JsonPath?)>();
                var constant = true;
                foreach (var p in value.Properties)
                {
                    if (p.Name.EndsWith(".$", StringComparison.Ordinal) && p.Value.IsString)
                    {
                        var expr = p.Value.Text!;
                        JsonPath? path = null;
                        // A malformed path or intrinsic fails when the state runs (States.Runtime), as in
                        // AWS, which accepts such definitions; evaluation reports the syntax error then.
                        try
                        {
                            if (expr.StartsWith("States.", StringComparison.Ordinal)) Intrinsics.Parse(expr);
                            else path = JsonPath.Parse(expr);
                        }
                        catch (PathSyntaxException) { path = null; }
                        members.Add((p.Name.Substring(0, p.Name.Length - 2), null, expr, path));
                        constant = false;
                    }
                    else
                    {
                        var inner = Compile(p.Value, field);
                        if (inner is not Constant) constant = false;
                        members.Add((p.Name, inner, null, null));
                    }
                }
                return constant ? new Constant(value) : new ObjectTemplate(members.ToArray(), field);
            }
            case JsonKind.Array:
            {
                var items = value.Items.Select(i => Compile(i, field)).ToArray();
                return items.All(i => i is Constant) ? new Constant(value) : new ArrayTemplate(items);
            }
            default:
                return new Constant(value);
        }
    }

    private sealed class Constant : PayloadTemplate
    {
        private readonly JsonValue _value;
        public Constant(JsonValue value) => _value = value;
        public override JsonValue Evaluate(JsonValue input, EvalContext ctx) => _value;
    }

    private sealed class ArrayTemplate : PayloadTemplate
    {
        private readonly PayloadTemplate[] _items;
        public ArrayTemplate(PayloadTemplate[] items) => _items = items;
        public override JsonValue Evaluate(JsonValue input, EvalContext ctx) => JsonValue.Array(_items.Select(i => i.Evaluate(input, ctx)).ToArray());
    }

    private sealed class ObjectTemplate : PayloadTemplate
    {
        private readonly (string Name, PayloadTemplate? Inner, string? Expression, JsonPath? Path)[] _members;
        private readonly string _field;
        public ObjectTemplate((string, PayloadTemplate?, string?, JsonPath?)[] members, string field) { _members = members; _field = field; }

        public override JsonValue Evaluate(JsonValue input, EvalContext ctx)
        {
            var props = new JsonProperty[_members.Length];
            for (var i = 0; i < _members.Length; i++)
            {
                var m = _members[i];
                JsonValue v;
                if (m.Inner is not null) v = m.Inner.Evaluate(input, ctx);
                else if (m.Path is not null) v = Evaluator.EvaluatePath(m.Path, input, ctx, m.Name + ".$");
                else v = Evaluator.Evaluate(m.Expression!, input, ctx, m.Name + ".$");
                props[i] = new JsonProperty(m.Name, v);
            }
            return JsonValue.Object(props);
        }
    }
}
