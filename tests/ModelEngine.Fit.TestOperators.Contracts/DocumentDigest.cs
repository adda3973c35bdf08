namespace ModelEngine.Fit.TestOperators.Contracts;

/// <summary>What <see cref="IDocumentDigest"/> returns.</summary>
/// <param name="Length">The number of bytes read.</param>
/// <param name="Sha256">The SHA-256 of those bytes, as upper-case hexadecimal.</param>
public sealed record DocumentDigest(long Length, string Sha256);
