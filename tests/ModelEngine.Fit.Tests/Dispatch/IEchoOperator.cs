using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.Tests.Dispatch;

[Genericable("tests.leak.echo")]
public interface IEchoOperator
{
    Task<string> EchoAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken);
}
