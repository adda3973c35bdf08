namespace ModelEngine.Waterflow;

/// <summary>The state of a window that a custom window condition decides on, after an item was added.</summary>
/// <param name="Item">The item just added to the window.</param>
/// <param name="Count">How many items the window holds, including <paramref name="Item"/>.</param>
/// <param name="Elapsed">Time since the first item of the window arrived, measured with the flow's time provider.</param>
public readonly record struct WindowInfo<T>(T Item, int Count, TimeSpan Elapsed);
