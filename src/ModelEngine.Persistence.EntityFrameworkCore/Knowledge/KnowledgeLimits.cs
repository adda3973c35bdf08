using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ModelEngine.Persistence.EntityFrameworkCore.Knowledge;

/// <summary>The column limits of the KnowledgeChunks table, the checks on names and ids, and the vector encoding.</summary>
internal static class KnowledgeLimits
{
    /// <summary>The maximum length of a knowledge base name.</summary>
    public const int KnowledgeBaseNameLength = 128;

    /// <summary>The maximum length of a chunk id and of a document id.</summary>
    public const int IdLength = 256;

    /// <summary>
    /// Throws unless <paramref name="name"/> is 1 to 128 letters, digits, '-', '_' and '.', the names that
    /// <see cref="ModelEngine.Fel.IKnowledgeBaseProvider"/> admits.
    /// </summary>
    public static void ValidateKnowledgeBaseName(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (name.Length is 0 or > KnowledgeBaseNameLength)
        {
            throw new ArgumentException(
                $"The knowledge base name '{name}' is invalid: it must have 1 to {KnowledgeBaseNameLength} characters.", parameterName);
        }

        foreach (var character in name)
        {
            if (!char.IsAsciiLetterOrDigit(character) && character is not ('-' or '_' or '.'))
            {
                throw new ArgumentException(
                    $"The knowledge base name '{name}' is invalid: it contains '{character}'. Use only letters, digits, '-', '_' and '.'.",
                    parameterName);
            }
        }
    }

    /// <summary>Throws unless <paramref name="id"/> is 1 to 256 characters long.</summary>
    public static void ValidateId(string id, string field)
    {
        if (string.IsNullOrEmpty(id) || id.Length > IdLength)
        {
            throw new ArgumentException(
                $"The {field} '{id}' is invalid: it must have 1 to {IdLength} characters. Use a shorter id.", field);
        }
    }

    /// <summary>Encodes a vector as float32 values in little-endian byte order.</summary>
    public static byte[] ToBytes(ReadOnlySpan<float> vector)
    {
        if (BitConverter.IsLittleEndian)
        {
            return MemoryMarshal.AsBytes(vector).ToArray();
        }

        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return bytes;
    }

    /// <summary>Decodes a vector written by <see cref="ToBytes"/>.</summary>
    public static float[] FromBytes(byte[] bytes)
    {
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new InvalidDataException(
                $"A stored vector has {bytes.Length} bytes, which is not a multiple of 4. The KnowledgeChunks row is corrupt; index its document again.");
        }

        var vector = new float[bytes.Length / sizeof(float)];
        if (BitConverter.IsLittleEndian)
        {
            bytes.AsSpan().CopyTo(MemoryMarshal.AsBytes(vector.AsSpan()));
            return vector;
        }

        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }

        return vector;
    }
}
