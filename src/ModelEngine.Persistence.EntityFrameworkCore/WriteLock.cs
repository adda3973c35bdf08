namespace ModelEngine.Persistence.EntityFrameworkCore;

/// <summary>
/// Serialises write transactions within the process when the database admits one writer at a time, as SQLite does.
/// Waiting here costs a queue turn, whereas a writer that meets SQLite's lock sleeps in its busy handler for up to
/// 100 ms per retry. Writers in other processes still wait through the busy timeout.
/// </summary>
internal sealed class WriteLock : IDisposable
{
    private readonly SemaphoreSlim? _semaphore;

    public WriteLock(bool serializeWriters)
    {
        _semaphore = serializeWriters ? new SemaphoreSlim(1, 1) : null;
    }

    /// <summary>Waits for the turn to write and returns the handle that ends it.</summary>
    public async ValueTask<Releaser> EnterAsync(CancellationToken cancellationToken)
    {
        if (_semaphore is null)
        {
            return default;
        }

        await _semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(_semaphore);
    }

    public void Dispose() => _semaphore?.Dispose();

    /// <summary>Ends a turn to write when disposed.</summary>
    internal readonly struct Releaser : IDisposable
    {
        private readonly SemaphoreSlim? _semaphore;

        public Releaser(SemaphoreSlim semaphore)
        {
            _semaphore = semaphore;
        }

        public void Dispose() => _semaphore?.Release();
    }
}
