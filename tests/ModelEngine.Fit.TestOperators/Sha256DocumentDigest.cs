using System.Security.Cryptography;
using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.TestOperators.Contracts;

namespace ModelEngine.Fit.TestOperators;

/// <summary>
/// Hashes the document in the memory it arrives in. A document that came by shared-memory handle is a span over the
/// mapping, so hashing it touches every byte without copying any into the managed heap.
/// </summary>
[Fitable("digest-sha256", IsDefault = true)]
public sealed class Sha256DocumentDigest : IDocumentDigest
{
    /// <inheritdoc />
    public ValueTask<DocumentDigest> DigestAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(document.Span, hash);
        return ValueTask.FromResult(new DocumentDigest(document.Length, Convert.ToHexString(hash)));
    }
}
