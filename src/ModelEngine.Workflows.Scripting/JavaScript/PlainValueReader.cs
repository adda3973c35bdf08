using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;

namespace ModelEngine.Workflows.Scripting.JavaScript;

/// <summary>
/// Converts plain script values (primitives, object literals and arrays of them) to JSON without running script code,
/// so the common result needs no second, constrained engine call.
/// </summary>
/// <remarks>
/// A value is plain when every object in it is an ordinary object or array with the standard prototype, has only
/// enumerable data properties with non-index string keys (or dense elements), and neither it nor the standard
/// prototypes define <c>toJSON</c>. For such values the result equals what <c>JSON.stringify</c> produces. Anything
/// else, such as dates, class instances, getters, proxies or cycles, is left to <see cref="JsonBridge.ToJsonNode"/>.
/// </remarks>
internal sealed class PlainValueReader
{
    // Values nested deeper than this go to the serializer, which also reports cycles, so the walk always ends.
    private const int MaxDepth = 32;

    private readonly Engine _engine;
    private readonly ObjectInstance _objectPrototype;
    private readonly ObjectInstance _arrayPrototype;
    private readonly bool _prototypesArePlain;

    public PlainValueReader(Engine engine)
    {
        _engine = engine;
        _objectPrototype = engine.Intrinsics.Object.PrototypeObject;
        _arrayPrototype = engine.Intrinsics.Array.PrototypeObject;
        _prototypesArePlain = !HasOwn(_objectPrototype, "toJSON") && !HasOwn(_arrayPrototype, "toJSON");
    }

    /// <summary>Converts <paramref name="value"/> when it is plain, and returns whether it was.</summary>
    public bool TryRead(JsValue value, out JsonNode? node)
    {
        node = null;
        return _prototypesArePlain && TryRead(value, depth: 0, out node);
    }

    private bool TryRead(JsValue value, int depth, out JsonNode? node)
    {
        node = null;

        switch (value.Type)
        {
            case Types.Undefined:
            case Types.Null:
            case Types.Boolean:
            case Types.String:
            case Types.Number:
                node = JsonBridge.ToJsonNode(_engine, value);
                return true;

            case Types.Object when depth < MaxDepth:
                return value switch
                {
                    JsArray array => TryReadArray(array, depth, out node),
                    JsObject plain when plain.GetType() == typeof(JsObject) => TryReadObject(plain, depth, out node),
                    _ => false,
                };

            default:
                return false;
        }
    }

    private bool TryReadArray(JsArray array, int depth, out JsonNode? node)
    {
        node = null;

        if (array.GetType() != typeof(JsArray) || !ReferenceEquals(array.Prototype, _arrayPrototype) || HasOwn(array, "toJSON"))
        {
            return false;
        }

        var length = array.Length;
        var result = new JsonArray();

        for (uint i = 0; i < length; i++)
        {
            var element = array.GetOwnProperty(i);

            // A hole or an accessor would need the prototype chain or script code.
            if (element == PropertyDescriptor.Undefined || !element.IsDataDescriptor())
            {
                return false;
            }

            if (!TryRead(element.Value, depth + 1, out var child))
            {
                return false;
            }

            result.Add(child);
        }

        node = result;
        return true;
    }

    private bool TryReadObject(JsObject target, int depth, out JsonNode? node)
    {
        node = null;

        if (!ReferenceEquals(target.Prototype, _objectPrototype))
        {
            return false;
        }

        var result = new JsonObject();

        foreach (var (key, descriptor) in target.GetOwnProperties())
        {
            if (!key.IsString() || !descriptor.IsDataDescriptor())
            {
                return false;
            }

            var name = key.AsString();

            // JSON.stringify lists integer keys first, so such objects keep the serializer's order by falling back.
            if (name == "toJSON" || (name.Length > 0 && char.IsAsciiDigit(name[0])))
            {
                return false;
            }

            if (!descriptor.Enumerable || descriptor.Value.IsUndefined() || descriptor.Value is Jint.Native.Function.Function)
            {
                continue;
            }

            if (!TryRead(descriptor.Value, depth + 1, out var child))
            {
                return false;
            }

            result[name] = child;
        }

        node = result;
        return true;
    }

    private static bool HasOwn(ObjectInstance target, string name) => target.GetOwnProperty(name) != PropertyDescriptor.Undefined;
}
