namespace ModelEngine.Waterflow;

/// <summary>An item tagged with the key that <c>KeyBy</c> computed for it.</summary>
public readonly record struct Keyed<TKey, TValue>(TKey Key, TValue Value);
