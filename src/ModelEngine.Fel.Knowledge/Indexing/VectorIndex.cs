using System.Numerics.Tensors;

namespace ModelEngine.Fel.Knowledge;

/// <summary>
/// An exact in-process vector index: cosine similarity as a dot product of normalised vectors, over every row, with
/// the top k kept in a bounded heap. Rows live in one contiguous array, so a search streams through memory once.
/// </summary>
/// <remarks>Thread-safe: searches run in parallel with each other, and writes wait for them.</remarks>
public sealed class VectorIndex : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, int> _rowById = new(StringComparer.Ordinal);
    private readonly List<string> _idByRow = [];
    private float[] _rows;

    /// <summary>Creates an empty index of vectors with <paramref name="dimensions"/> components.</summary>
    /// <param name="dimensions">The vector length, 384 for MiniLM.</param>
    /// <param name="capacity">The rows to allocate room for up front.</param>
    public VectorIndex(int dimensions, int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Dimensions = dimensions;
        _rows = new float[(long)Math.Max(capacity, 16) * dimensions];
    }

    /// <summary>The vector length.</summary>
    public int Dimensions { get; }

    /// <summary>The number of vectors.</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _idByRow.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Adds <paramref name="vector"/> under <paramref name="id"/>, or replaces the vector already there. The vector is normalised.</summary>
    /// <exception cref="ArgumentException">The vector's length is not <see cref="Dimensions"/>.</exception>
    public void Upsert(string id, ReadOnlySpan<float> vector)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (vector.Length != Dimensions)
        {
            throw new ArgumentException(
                $"Vector of '{id}' has {vector.Length} components but the index holds {Dimensions}. Embed every chunk with the same model.",
                nameof(vector));
        }

        _lock.EnterWriteLock();
        try
        {
            if (!_rowById.TryGetValue(id, out var row))
            {
                row = _idByRow.Count;
                EnsureCapacity(row + 1);
                _idByRow.Add(id);
                _rowById[id] = row;
            }

            var target = _rows.AsSpan(row * Dimensions, Dimensions);
            vector.CopyTo(target);
            VectorMath.Normalize(target);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes the vector under <paramref name="id"/>. Returns whether it was there.</summary>
    public bool Remove(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        _lock.EnterWriteLock();
        try
        {
            if (!_rowById.Remove(id, out var row))
            {
                return false;
            }

            // The last row moves into the freed slot, so the rows stay contiguous.
            var last = _idByRow.Count - 1;
            if (row != last)
            {
                _rows.AsSpan(last * Dimensions, Dimensions).CopyTo(_rows.AsSpan(row * Dimensions, Dimensions));
                var movedId = _idByRow[last];
                _idByRow[row] = movedId;
                _rowById[movedId] = row;
            }

            _idByRow.RemoveAt(last);
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Returns the ids of the <paramref name="k"/> vectors closest to <paramref name="query"/> with their cosine similarity, best first.</summary>
    /// <exception cref="ArgumentException">The query's length is not <see cref="Dimensions"/>.</exception>
    public IReadOnlyList<(string Id, float Score)> Search(ReadOnlySpan<float> query, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (query.Length != Dimensions)
        {
            throw new ArgumentException(
                $"Query vector has {query.Length} components but the index holds {Dimensions}. Embed the query with the model that embedded the chunks.",
                nameof(query));
        }

        var normalized = VectorMath.NormalizedCopy(query);
        _lock.EnterReadLock();
        try
        {
            var count = _idByRow.Count;
            k = Math.Min(k, count);
            if (k == 0)
            {
                return [];
            }

            // A min-heap of the best k so far: its root is the worst kept score, the one a better row evicts.
            var heap = new PriorityQueue<int, float>(k + 1);
            var rows = _rows.AsSpan(0, count * Dimensions);
            for (var row = 0; row < count; row++)
            {
                var score = TensorPrimitives.Dot(rows.Slice(row * Dimensions, Dimensions), normalized);
                if (heap.Count < k)
                {
                    heap.Enqueue(row, score);
                }
                else if (heap.TryPeek(out _, out var worst) && score > worst)
                {
                    heap.DequeueEnqueue(row, score);
                }
            }

            var result = new (string Id, float Score)[heap.Count];
            for (var i = result.Length - 1; i >= 0; i--)
            {
                heap.TryDequeue(out var row, out var score);
                result[i] = (_idByRow[row], score);
            }

            return result;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Removes every vector.</summary>
    public void Clear()
    {
        _lock.EnterWriteLock();
        try
        {
            _rowById.Clear();
            _idByRow.Clear();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    private void EnsureCapacity(int rows)
    {
        if ((long)rows * Dimensions <= _rows.Length)
        {
            return;
        }

        var newRows = Math.Max(rows, (int)Math.Min(int.MaxValue / Dimensions, (_rows.Length / Dimensions) * 2L));
        Array.Resize(ref _rows, newRows * Dimensions);
    }
}
