using System.Text.Json.Nodes;

namespace ModelEngine.Workflows.Runtime;

/// <summary>What <see cref="ResumeWorkflowRequest.Prepare"/> decided: the resume's input and the changes to commit with it.</summary>
public sealed record ResumePlan(JsonNode? Input, IReadOnlyList<object> Changes);
