using System.IO.MemoryMappedFiles;
using Microsoft.Win32.SafeHandles;

namespace ModelEngine.Fit.SharedMemory;

/// <summary>
/// One segment file mapped into this process. Payloads of the same segment share it. It is unmapped when the last of
/// them, and the transfer registration if any, let go. The pointer is acquired once, when the file is mapped.
/// </summary>
internal sealed unsafe class SegmentMapping
{
    /// <summary>The mapped file.</summary>
    private readonly MemoryMappedFile _file;

    /// <summary>The view over the whole file.</summary>
    private readonly MemoryMappedViewAccessor _view;

    /// <summary>Holders in this process: payloads and a transfer registration. The mapping closes at zero.</summary>
    private int _localReferences = 1;

    private SegmentMapping(string name, string path, MemoryMappedFile file, MemoryMappedViewAccessor view, long fileLength)
    {
        Name = name;
        Path = path;
        _file = file;
        _view = view;
        FileLength = fileLength;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        Header = pointer + view.PointerOffset;
    }

    /// <summary>The segment's file name, as handles carry it.</summary>
    public string Name { get; }

    public string Path { get; }

    public long FileLength { get; }

    /// <summary>The first byte of the file in this process.</summary>
    public byte* Header { get; }

    /// <summary>The first data byte.</summary>
    public byte* Data => Header + SegmentHeader.Size;

    /// <summary>
    /// Creates the file with all its pages reserved up front, so a full tmpfs fails here with an
    /// <see cref="IOException"/> instead of a SIGBUS when the data is written.
    /// </summary>
    public static SegmentMapping Create(string directory, string name, long dataLength)
    {
        var path = System.IO.Path.Combine(directory, name);
        var fileLength = SegmentHeader.Size + Math.Max(dataLength, 1);
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(
                path,
                FileMode.CreateNew,
                FileAccess.ReadWrite,
                FileShare.ReadWrite | FileShare.Delete,
                FileOptions.None,
                preallocationSize: fileLength);
        }
        catch (IOException exception)
        {
            TryDelete(path);
            throw new IOException(
                $"The shared-memory directory '{directory}' has no room for a segment of {fileLength} bytes: {exception.Message}",
                exception);
        }

        return Map(name, path, handle, fileLength, deleteOnFailure: true);
    }

    /// <summary>Maps an existing segment file, or returns null when it is gone.</summary>
    public static SegmentMapping? Open(string directory, string name)
    {
        var path = System.IO.Path.Combine(directory, name);
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        var length = RandomAccess.GetLength(handle);
        if (length == 0)
        {
            // A file created a moment ago and not yet sized cannot be mapped. To a reader it is torn.
            handle.Dispose();
            throw new InvalidDataException("The segment file is empty.");
        }

        return Map(name, path, handle, length, deleteOnFailure: false);
    }

    /// <summary>Takes another holder in this process. Returns false when the mapping already closed.</summary>
    public bool TryAddLocalReference()
    {
        var current = Volatile.Read(ref _localReferences);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref _localReferences, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    /// <summary>Drops a holder in this process. Returns true when it was the last and the mapping closed.</summary>
    public bool ReleaseLocalReference()
    {
        if (Interlocked.Decrement(ref _localReferences) != 0)
        {
            return false;
        }

        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
        return true;
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Another process removed it first, or it is busy. The collector tries again.
        }
        catch (UnauthorizedAccessException)
        {
            // This process has no permission to remove the file, so it leaves it.
        }
    }

    private static SegmentMapping Map(string name, string path, SafeFileHandle handle, long fileLength, bool deleteOnFailure)
    {
        try
        {
            var file = MemoryMappedFile.CreateFromFile(
                handle, mapName: null, fileLength, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
            try
            {
                var view = file.CreateViewAccessor(0, fileLength, MemoryMappedFileAccess.ReadWrite);
                return new SegmentMapping(name, path, file, view, fileLength);
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }
        catch
        {
            handle.Dispose();
            if (deleteOnFailure)
            {
                TryDelete(path);
            }

            throw;
        }
    }
}
