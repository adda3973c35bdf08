using System.Numerics.Tensors;

namespace ModelEngine.Fel.Knowledge;

/// <summary>Vector helpers over <see cref="TensorPrimitives"/>, which uses SIMD where the CPU has it.</summary>
internal static class VectorMath
{
    /// <summary>Scales <paramref name="vector"/> to length 1 in place. A zero vector stays zero.</summary>
    public static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0 && MathF.Abs(norm - 1f) > 1e-6f)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }

    /// <summary>Returns a normalised copy of <paramref name="vector"/>.</summary>
    public static float[] NormalizedCopy(ReadOnlySpan<float> vector)
    {
        var copy = vector.ToArray();
        Normalize(copy);
        return copy;
    }
}
