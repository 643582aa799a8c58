using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Flowstate.Core.Model;

/// <summary>
/// An immutable array that compares by its elements, so that models holding it are value-equatable
/// and the incremental generator can cache them. <c>default</c> is the empty array.
/// </summary>
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
{
    public static readonly EquatableArray<T> Empty = new(Array.Empty<T>());

    private readonly T[]? _items;

    public EquatableArray(T[] items) => _items = items;

    public EquatableArray(IEnumerable<T> items) => _items = items.ToArray();

    public int Count => _items?.Length ?? 0;

    /// <summary>The array itself (not a copy), for identity-keyed caches; null for a default instance.</summary>
    internal T[]? Items => _items;

    public bool IsEmpty => Count == 0;

    public T this[int index] => (_items ?? Array.Empty<T>())[index];

    public T[] ToArray() => _items is null ? Array.Empty<T>() : (T[])_items.Clone();

    public bool Equals(EquatableArray<T> other)
    {
        var a = _items ?? Array.Empty<T>();
        var b = other._items ?? Array.Empty<T>();
        if (a.Length != b.Length) return false;
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < a.Length; i++)
            if (!comparer.Equals(a[i], b[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = 17;
        if (_items is null) return hash;
        var comparer = EqualityComparer<T>.Default;
        foreach (var item in _items)
            hash = unchecked(hash * 31 + (item is null ? 0 : comparer.GetHashCode(item)));
        return hash;
    }

    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    /// <summary>Whether an element equals <paramref name="item"/> (<see cref="EqualityComparer{T}.Default"/>, as Enumerable.Contains), without enumerator allocation.</summary>
    public bool Contains(T item)
    {
        if (_items is null) return false;
        var comparer = EqualityComparer<T>.Default;
        foreach (var element in _items)
            if (comparer.Equals(element, item)) return true;
        return false;
    }

    /// <summary>
    /// A struct enumerator, so that <c>foreach</c> over a model's arrays allocates nothing (the analyzer
    /// walks every array of every state on each run; the boxed enumerators were a measurable share of its
    /// allocations). The interface enumerators below are unchanged.
    /// </summary>
    public Enumerator GetEnumerator() => new(_items ?? Array.Empty<T>());

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<T>)this).GetEnumerator();

    public struct Enumerator : IEnumerator<T>
    {
        private readonly T[] _array;
        private int _index;

        internal Enumerator(T[] array)
        {
            _array = array;
            _index = -1;
        }

        public T Current => _array[_index];

        object? IEnumerator.Current => Current;

        public bool MoveNext() => ++_index < _array.Length;

        public void Reset() => _index = -1;

        public void Dispose()
        {
        }
    }

    public override string ToString() => $"[{string.Join(", ", this)}]";
}

public static class EquatableArray
{
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) => new(items);

    public static EquatableArray<T> Create<T>(params T[] items) => new(items);
}
