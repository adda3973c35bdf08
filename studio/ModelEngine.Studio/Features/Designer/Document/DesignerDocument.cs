using System.Text.Json.Nodes;

namespace ModelEngine.Studio.Features.Designer.Document;

/// <summary>
/// The definition being designed. <see cref="Definition"/> is the single source of truth: every level of nested
/// flowcharts is a part of it, so a save always carries every edit. Each edit is one undo step, kept as a snapshot of
/// the whole JSON.
/// </summary>
public sealed class DesignerDocument
{
    /// <summary>The maximum number of undo steps kept.</summary>
    public const int MaxUndoSteps = 100;

    // The server owns these header fields: undo and redo keep the current values, so that a save after an undo still
    // targets the version the server returned.
    private static readonly string[] ServerFields = ["id", "definitionId", "version", "isPublished", "isLatest"];

    private readonly LinkedList<JsonObject> _undo = new();
    private readonly Stack<JsonObject> _redo = new();
    private readonly List<DesignerLevel> _path = [];
    private JsonObject _baseline;
    private long _savedRevision;

    public DesignerDocument(JsonObject definition, bool readOnly = false)
    {
        Definition = definition;
        ReadOnly = readOnly;
        if (Definition["root"] is not JsonObject)
        {
            Definition["root"] = NewFlowchart("flowchart1");
        }

        _baseline = (JsonObject)Definition.DeepClone();
    }

    /// <summary>The definition JSON in Elsa 3's shape. Edits change this object in place.</summary>
    public JsonObject Definition { get; }

    /// <summary>Whether this is a version opened for viewing, which takes no edits.</summary>
    public bool ReadOnly { get; }

    /// <summary>A counter that every edit, undo and redo raises. A save records the value it sent.</summary>
    public long Revision { get; private set; }

    /// <summary>Whether the document has changes that the server does not have.</summary>
    public bool IsDirty => Revision != _savedRevision;

    public bool CanUndo => !ReadOnly && _undo.Count > 0;

    public bool CanRedo => !ReadOnly && _redo.Count > 0;

    public string? DefinitionId => Definition["definitionId"]?.GetValue<string>();

    public int Version => Definition["version"] is JsonValue value && value.TryGetValue<int>(out var version) ? version : 0;

    public bool IsPublished => Definition["isPublished"] is JsonValue value && value.TryGetValue<bool>(out var published) && published;

    /// <summary>The path from the root flowchart to the level shown, empty at the root.</summary>
    public IReadOnlyList<DesignerLevel> Path => _path;

    /// <summary>The flowchart of the level shown. It is a part of <see cref="Definition"/>, never a copy.</summary>
    public JsonObject CurrentFlowchart => ResolveLevel(_path.Count) ?? (JsonObject)Definition["root"]!;

    /// <summary>Changes the document and records the change as one undo step. Ignored when read-only.</summary>
    public bool Apply(Action<JsonObject> edit)
    {
        if (ReadOnly)
        {
            return false;
        }

        edit(Definition);
        Commit();
        return true;
    }

    /// <summary>
    /// Records a change already made to <see cref="Definition"/> in place, such as one from the variables editor, as
    /// one undo step.
    /// </summary>
    public void Commit()
    {
        if (ReadOnly)
        {
            return;
        }

        _undo.AddLast(_baseline);
        if (_undo.Count > MaxUndoSteps)
        {
            _undo.RemoveFirst();
        }

        _redo.Clear();
        _baseline = (JsonObject)Definition.DeepClone();
        Revision++;
    }

    public bool Undo()
    {
        if (!CanUndo)
        {
            return false;
        }

        var previous = _undo.Last!.Value;
        _undo.RemoveLast();
        _redo.Push(_baseline);
        Restore(previous);
        return true;
    }

    public bool Redo()
    {
        if (!CanRedo)
        {
            return false;
        }

        _undo.AddLast(_baseline);
        Restore(_redo.Pop());
        return true;
    }

    /// <summary>
    /// Takes the server's response to a save of the document at <paramref name="sentRevision"/>. An edit made while the
    /// save was in flight keeps the document dirty.
    /// </summary>
    public void AcceptSave(string definitionId, string id, int version, bool isPublished, long sentRevision)
    {
        foreach (var target in new[] { Definition, _baseline })
        {
            target["definitionId"] = definitionId;
            target["id"] = id;
            target["version"] = version;
            target["isPublished"] = isPublished;
            target["isLatest"] = true;
        }

        _savedRevision = sentRevision;
    }

    /// <summary>Replaces the whole model, for an import into this definition, as one undo step.</summary>
    public void Replace(JsonObject model)
    {
        Apply(definition =>
        {
            CopyKeepingServerFields(model);
            if (definition["root"] is not JsonObject)
            {
                definition["root"] = NewFlowchart("flowchart1");
            }
        });
        _path.Clear();
    }

    /// <summary>Opens the nested flowchart of a container activity in the level shown.</summary>
    public bool Enter(DesignerLevel level)
    {
        _path.Add(level);
        if (ResolveLevel(_path.Count) is null)
        {
            _path.RemoveAt(_path.Count - 1);
            return false;
        }

        return true;
    }

    /// <summary>Returns to the level at <paramref name="depth"/>: 0 is the root flowchart.</summary>
    public void GoTo(int depth)
    {
        if (depth >= 0 && depth < _path.Count)
        {
            _path.RemoveRange(depth, _path.Count - depth);
        }
    }

    public static JsonObject NewFlowchart(string id) => new()
    {
        ["type"] = ActivityJson.FlowchartType,
        ["version"] = 1,
        ["id"] = id,
        ["metadata"] = new JsonObject(),
        ["activities"] = new JsonArray(),
        ["connections"] = new JsonArray(),
    };

    private void Restore(JsonObject snapshot)
    {
        CopyKeepingServerFields(snapshot);
        _baseline = (JsonObject)Definition.DeepClone();
        Revision++;

        // An undo can remove the container of a nested level: show the deepest level that still exists.
        while (_path.Count > 0 && ResolveLevel(_path.Count) is null)
        {
            _path.RemoveAt(_path.Count - 1);
        }
    }

    // Makes Definition a copy of source in place, so that references to Definition stay valid, but keeps the
    // server-owned header fields of Definition.
    private void CopyKeepingServerFields(JsonObject source)
    {
        var header = ServerFields.ToDictionary(name => name, name => Definition[name]?.DeepClone());
        Definition.Clear();
        foreach (var (name, value) in source)
        {
            Definition[name] = value?.DeepClone();
        }

        foreach (var (name, value) in header)
        {
            Definition[name] = value;
        }
    }

    private JsonObject? ResolveLevel(int depth)
    {
        var flowchart = Definition["root"] as JsonObject;
        for (var i = 0; i < depth && flowchart is not null; i++)
        {
            var level = _path[i];
            var activity = ActivityJson.FindActivity(flowchart, level.ActivityId);
            var child = level.Port is null ? activity : activity?[level.Port] as JsonObject;
            flowchart = ActivityJson.IsFlowchart(child) ? child as JsonObject : null;
        }

        return flowchart;
    }
}
