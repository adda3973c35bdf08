using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.TestOperators.Contracts;

/// <summary>Reads a whole document and returns its length and SHA-256, so a caller can check that every byte arrived.</summary>
[Genericable("test.document.digest")]
public interface IDocumentDigest
{
    /// <summary>Hashes <paramref name="document"/> where it lies, without copying it.</summary>
    /// <param name="document">The document. A large one arrives by shared-memory handle and is read in place.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The document's length and the SHA-256 of its bytes.</returns>
    ValueTask<DocumentDigest> DigestAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken);
}
