namespace ModelEngine.Fit.Python.Tests.Infrastructure;

/// <summary>A fact that needs Debian's Python with pika and flatbuffers, but no broker.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        Skip = TestEnvironment.PythonSkipReason;
    }
}
