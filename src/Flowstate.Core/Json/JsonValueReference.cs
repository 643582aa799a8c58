using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Flowstate.Core.Json;

/// <summary>Compares JSON values by instance: <see cref="JsonValue"/>'s own equality walks the whole tree.</summary>
public sealed class JsonValueReference : IEqualityComparer<JsonValue>
{
    public static readonly JsonValueReference Comparer = new();

    private JsonValueReference() { }

    public bool Equals(JsonValue? x, JsonValue? y) => ReferenceEquals(x, y);

    public int GetHashCode(JsonValue obj) => RuntimeHelpers.GetHashCode(obj);
}
