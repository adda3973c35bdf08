using System.Runtime.CompilerServices;

namespace ModelEngine.Fit.SharedMemory;

/// <summary>
/// The header at the start of every segment file. All fields are little-endian and naturally aligned, so that the
/// counters can be updated with <see cref="Interlocked"/> by every process that maps the file.
/// </summary>
/// <remarks>
/// Layout (byte offsets): 0 magic, 8 layout version, 12 state, 16 data length, 24 generation, 32 owner pid,
/// 40 owner start time, 48 header checksum, 56 references (low 32 bits: references, high 32 bits: unadopted leases;
/// -1 in the low half marks a segment being deleted), 64 lease expiry (Unix milliseconds). Data starts at 128.
/// </remarks>
internal static unsafe class SegmentHeader
{
    /// <summary>"MEFTSEG1" read as a little-endian integer.</summary>
    public const ulong Magic = 0x314745535446454DUL;

    public const int LayoutVersion = 1;

    /// <summary>The header size. The data area starts here, 64-byte aligned.</summary>
    public const int Size = 128;

    public const int StateWriting = 0;

    public const int StateSealed = 1;

    /// <summary>The low half of the references word while a process deletes the segment.</summary>
    public const int Deleting = -1;

    private const int MagicOffset = 0;
    private const int VersionOffset = 8;
    private const int StateOffset = 12;
    private const int LengthOffset = 16;
    private const int GenerationOffset = 24;
    private const int OwnerPidOffset = 32;
    private const int OwnerStartOffset = 40;
    private const int ChecksumOffset = 48;
    private const int ReferencesOffset = 56;
    private const int LeaseExpiryOffset = 64;

    public static ulong ReadMagic(byte* header) => *(ulong*)(header + MagicOffset);

    public static int ReadVersion(byte* header) => *(int*)(header + VersionOffset);

    public static int ReadState(byte* header) => Volatile.Read(ref *(int*)(header + StateOffset));

    public static long ReadLength(byte* header) => *(long*)(header + LengthOffset);

    public static ulong ReadGeneration(byte* header) => *(ulong*)(header + GenerationOffset);

    public static int ReadOwnerPid(byte* header) => *(int*)(header + OwnerPidOffset);

    public static long ReadOwnerStartTime(byte* header) => *(long*)(header + OwnerStartOffset);

    public static ulong ReadChecksum(byte* header) => *(ulong*)(header + ChecksumOffset);

    public static ref long References(byte* header) => ref *(long*)(header + ReferencesOffset);

    public static ref long LeaseExpiry(byte* header) => ref *(long*)(header + LeaseExpiryOffset);

    /// <summary>Writes a header in the writing state, with one reference: the writer's.</summary>
    public static void Initialize(byte* header, long length, ulong generation)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Shared-memory segments need a little-endian machine.");
        }

        new Span<byte>(header, Size).Clear();
        *(ulong*)(header + MagicOffset) = Magic;
        *(int*)(header + VersionOffset) = LayoutVersion;
        *(int*)(header + StateOffset) = StateWriting;
        *(long*)(header + LengthOffset) = length;
        *(ulong*)(header + GenerationOffset) = generation;
        *(int*)(header + OwnerPidOffset) = ProcessIdentity.CurrentId;
        *(long*)(header + OwnerStartOffset) = ProcessIdentity.CurrentStartTime;
        *(long*)(header + ReferencesOffset) = 1;
        *(ulong*)(header + ChecksumOffset) = ComputeChecksum(header);
    }

    /// <summary>Marks the data complete. Readers accept the segment from now on.</summary>
    public static void Seal(byte* header) => Volatile.Write(ref *(int*)(header + StateOffset), StateSealed);

    /// <summary>
    /// Computes a 64-bit hash of the fields that never change after creation (magic, version, length, generation, owner).
    /// It catches a header that was overwritten or only partly written. It does not cover the data.
    /// </summary>
    public static ulong ComputeChecksum(byte* header)
    {
        var hash = 0x9E3779B97F4A7C15UL;
        hash = Mix(hash, *(ulong*)(header + MagicOffset));
        hash = Mix(hash, (ulong)(uint)*(int*)(header + VersionOffset));
        hash = Mix(hash, (ulong)*(long*)(header + LengthOffset));
        hash = Mix(hash, *(ulong*)(header + GenerationOffset));
        hash = Mix(hash, (ulong)(uint)*(int*)(header + OwnerPidOffset));
        hash = Mix(hash, (ulong)*(long*)(header + OwnerStartOffset));
        return hash;
    }

    public static int ReferenceCount(long word) => (int)(word & 0xFFFFFFFFL);

    public static int PendingLeases(long word) => (int)(word >> 32);

    public static long Pack(int pendingLeases, int references) =>
        ((long)pendingLeases << 32) | (uint)references;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong hash, ulong value)
    {
        hash ^= value + 0x9E3779B97F4A7C15UL + (hash << 6) + (hash >> 2);
        hash ^= hash >> 31;
        hash *= 0xBF58476D1CE4E5B9UL;
        return hash ^ (hash >> 29);
    }
}
