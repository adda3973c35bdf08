using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.Dispatch.Tests.Client;

/// <summary>A contract with one genericable per return shape, and one method that is not a genericable.</summary>
public interface ITextOps
{
    [Genericable("text.upper")]
    Task<string> UpperAsync(string text, CancellationToken cancellationToken);

    [Genericable("text.length")]
    ValueTask<int> LengthAsync(string text);

    [Genericable("text.add")]
    int Add(int a, int b);

    [Genericable("text.remember")]
    void Remember(string text);

    [Genericable("text.flush")]
    Task FlushAsync(CancellationToken cancellationToken);

    [Genericable("text.reset")]
    ValueTask ResetAsync();

    string NotAGenericable();
}

/// <summary>The implementation the proxy tests call through the registry.</summary>
[Fitable("text-impl")]
public sealed class TextOps : ITextOps
{
    public List<string> Remembered { get; } = [];

    public int Flushes { get; private set; }

    public async Task<string> UpperAsync(string text, CancellationToken cancellationToken)
    {
        if (text == "wait")
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        return text.ToUpperInvariant();
    }

    public async ValueTask<int> LengthAsync(string text)
    {
        if (text == "yield")
        {
            await Task.Yield();
        }

        return text.Length;
    }

    public int Add(int a, int b) => a + b;

    public void Remember(string text) => Remembered.Add(text);

    public Task FlushAsync(CancellationToken cancellationToken)
    {
        Flushes++;
        return Task.CompletedTask;
    }

    public ValueTask ResetAsync()
    {
        Remembered.Clear();
        return ValueTask.CompletedTask;
    }

    public string NotAGenericable() => "direct";
}

/// <summary>A contract that is not visible outside this assembly.</summary>
[Genericable("test.hidden")]
internal interface IHiddenEcho
{
    string Echo(string text);
}

[Fitable("hidden-impl")]
internal sealed class HiddenEcho : IHiddenEcho
{
    public string Echo(string text) => "echo " + text;
}
