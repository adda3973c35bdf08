using System.Text.Json.Nodes;

namespace ModelEngine.Waterflow.Workflows.Registration;

/// <summary>
/// A flow that workflows can run by name. Items are JSON values so that they can be stored with an instance.
/// </summary>
/// <remarks>
/// A flow with <see cref="AfterReview"/> has a review block between its two parts: <see cref="Build"/> runs up to the
/// block, the items that reach it are held and saved with the instance, and <see cref="AfterReview"/> runs on the
/// items a reviewer releases. Because held items are saved rather than kept in memory, a held flow survives a
/// restart of the server.
/// </remarks>
/// <param name="Name">The name a RunWaterflow activity uses.</param>
/// <param name="Build">Appends the nodes up to the review block, or the whole flow when there is no review.</param>
/// <param name="AfterReview">Appends the nodes after the review block, or <see langword="null"/> for a flow without one.</param>
/// <param name="Description">What the flow does, for the designer.</param>
public sealed record WaterflowDefinition(
    string Name,
    Func<FlowBuilder<JsonNode?, JsonNode?>, FlowBuilder<JsonNode?, JsonNode?>> Build,
    Func<FlowBuilder<JsonNode?, JsonNode?>, FlowBuilder<JsonNode?, JsonNode?>>? AfterReview = null,
    string? Description = null)
{
    public bool HasReview => AfterReview is not null;
}
