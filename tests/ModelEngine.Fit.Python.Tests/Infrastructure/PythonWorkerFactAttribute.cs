namespace ModelEngine.Fit.Python.Tests.Infrastructure;

/// <summary>A fact that runs the Python worker against a RabbitMQ broker.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PythonWorkerFactAttribute : FactAttribute
{
    public PythonWorkerFactAttribute()
    {
        Skip = TestEnvironment.WorkerSkipReason;
    }
}
