using ModelEngine.HumanTasks.Activities;
using ModelEngine.HumanTasks.Model;

namespace ModelEngine.HumanTasks.Approvals;

/// <summary>Reads and checks the UserTask input <c>approvalPolicy</c>.</summary>
internal static class ApprovalPolicyReader
{
    public const string InputName = "approvalPolicy";
    private const string Example = "{\"kind\": \"Parallel\", \"approvers\": [\"bob\", \"group:finance\"], \"required\": 1}";

    /// <summary>Returns the policy, or <see langword="null"/> when the input is empty or has errors, which go to <paramref name="reader"/>.</summary>
    public static ApprovalPolicy? Read(InputJson reader, object? value)
    {
        var source = reader.ReadObject(value, InputName, Example);
        if (source is null)
        {
            return null;
        }

        var before = reader.ErrorCount;
        var kindText = reader.ReadString(source, InputName, "kind");
        var kind = ApprovalPolicyKind.Single;
        if (kindText is not null && (!Enum.TryParse(kindText, ignoreCase: true, out kind) || !Enum.IsDefined(kind) || int.TryParse(kindText, out _)))
        {
            reader.Add($"{InputName}.kind", kindText, $"'{InputName}.kind' is '{kindText}', which is not a policy kind. Use Single, Parallel or Sequential.");
        }

        var approvers = reader.ReadStrings(source, InputName, "approvers") ?? [];
        var required = reader.ReadInt(source, InputName, "required");
        var percentage = reader.ReadInt(source, InputName, "percentage");
        var rejectEndsVote = reader.ReadBool(source, InputName, "rejectEndsVote");

        CheckApprovers(reader, kind, approvers);
        CheckCount(reader, kind, approvers.Count, required, percentage);
        if (reader.ErrorCount > before)
        {
            return null;
        }

        return new ApprovalPolicy
        {
            Kind = kind,
            Approvers = approvers,
            Required = required,
            Percentage = percentage,
            RejectEndsVote = rejectEndsVote,
        };
    }

    /// <summary>Whether <paramref name="approver"/> names a group, and the group's name.</summary>
    public static bool IsGroup(string approver, out string group)
    {
        if (approver.StartsWith(ApprovalPolicy.GroupPrefix, StringComparison.OrdinalIgnoreCase))
        {
            group = approver[ApprovalPolicy.GroupPrefix.Length..].Trim();
            return true;
        }

        group = string.Empty;
        return false;
    }

    private static void CheckApprovers(InputJson reader, ApprovalPolicyKind kind, IReadOnlyList<string> approvers)
    {
        if (kind != ApprovalPolicyKind.Single && approvers.Count == 0)
        {
            reader.Add($"{InputName}.approvers", "[]", $"'{InputName}.approvers' is []. A {kind} policy needs at least one approver, such as [\"bob\", \"group:finance\"].");
        }

        foreach (var approver in approvers)
        {
            if (approver.Length == 0 || (IsGroup(approver, out var group) && group.Length == 0))
            {
                reader.Add($"{InputName}.approvers", approver, $"'{InputName}.approvers' has an empty entry '{approver}'. Name a user, such as bob, or a group, such as group:finance.");
            }
        }

        var repeated = approvers.GroupBy(approver => approver, StringComparer.OrdinalIgnoreCase).FirstOrDefault(same => same.Count() > 1);
        if (repeated is not null)
        {
            reader.Add($"{InputName}.approvers", repeated.Key, $"'{InputName}.approvers' names '{repeated.Key}' more than once. Name each approver once.");
        }
    }

    private static void CheckCount(InputJson reader, ApprovalPolicyKind kind, int approverCount, int? required, int? percentage)
    {
        if (kind != ApprovalPolicyKind.Parallel)
        {
            if (required is not null || percentage is not null)
            {
                var field = required is not null ? "required" : "percentage";
                reader.Add($"{InputName}.{field}", (required ?? percentage)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"'{InputName}.{field}' is {required ?? percentage}, but it applies to a Parallel policy only and the kind is {kind}. Remove it or use kind Parallel.");
            }

            return;
        }

        if (required is not null && percentage is not null)
        {
            reader.Add($"{InputName}.required", required.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"'{InputName}' sets both 'required' ({required}) and 'percentage' ({percentage}). Set only one of them.");
        }

        if (required is { } count && (count < 1 || (approverCount > 0 && count > approverCount)))
        {
            reader.Add($"{InputName}.required", count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"'{InputName}.required' is {count}, but there are {approverCount} approvers. Set it between 1 and {Math.Max(1, approverCount)}, or add approvers.");
        }

        if (percentage is { } share && share is < 1 or > 100)
        {
            reader.Add($"{InputName}.percentage", share.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"'{InputName}.percentage' is {share}, but it must be between 1 and 100, such as 50 for half of the approvers.");
        }
    }
}
