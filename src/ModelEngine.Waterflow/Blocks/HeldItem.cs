namespace ModelEngine.Waterflow;

/// <summary>
/// An item a block holds until a person or system releases it. The id is stable for the life of the hold, so
/// the record can be stored or sent elsewhere and the item released later by id.
/// </summary>
/// <param name="Id">The id used to release or drop this item.</param>
/// <param name="SessionId">The id of the session the item belongs to.</param>
/// <param name="Value">The held item.</param>
/// <param name="HeldAt">When the block received the item, from the flow's time provider.</param>
public sealed record HeldItem<T>(Guid Id, string SessionId, T Value, DateTimeOffset HeldAt);
