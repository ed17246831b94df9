using System.Reflection;
using System.Reflection.Emit;

namespace ReadingTracker.Api.Tests.Architecture;

/// <summary>
/// Which feature folder uses which, read from the compiled assembly: a folder is the namespace segment after
/// the root ("ReadingTracker.Api.Persistence" → Persistence). A type uses every type in its signatures (base
/// type, interfaces, fields, properties, parameters, return types, attributes) and every type, method and field
/// its method bodies name, read from their IL. Nested and compiler-made types (lambdas, async state machines)
/// count for the folder of the type they sit in. Not seen: constants (the compiler copies their value) and
/// references in comments or nameof.
/// </summary>
public sealed class FolderGraph
{
    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private readonly string _root;

    /// <summary>Folder → the folders it uses, each with one example ("DualWriter uses RecoveryEvent").</summary>
    public Dictionary<string, Dictionary<string, string>> Edges { get; } = new(StringComparer.Ordinal);

    public FolderGraph(string root) => _root = root + ".";

    public static FolderGraph Of(Assembly assembly, string root)
    {
        var graph = new FolderGraph(root);
        foreach (var type in assembly.GetTypes())
        {
            if (graph.FolderOf(type) is not { } folder)
            {
                continue;
            }

            foreach (var used in UsedBy(type))
            {
                if (graph.FolderOf(used) is { } target && target != folder)
                {
                    graph.Add(folder, target, $"{Name(type)} uses {Name(used)}");
                }
            }
        }

        return graph;
    }

    public void Add(string from, string to, string example)
    {
        if (!Edges.TryGetValue(from, out var targets))
        {
            Edges[from] = targets = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        targets.TryAdd(to, example);
    }

    /// <summary>
    /// Every use of one folder by another that closes a cycle, with the way back: "A → B (example), and back:
    /// B → C (example), C → A (example)". Empty when the folders form layers.
    /// </summary>
    public IReadOnlyList<string> Cycles()
    {
        var found = new List<string>();
        foreach (var (from, targets) in Edges.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            foreach (var (to, example) in targets.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                if (PathBetween(to, from) is { } back)
                {
                    found.Add($"{from} → {to} ({example}), and back: " + string.Join(", ", back.Select(s => $"{s.From} → {s.To} ({s.Example})")));
                }
            }
        }

        return found;
    }

    /// <summary>The shortest chain of uses from one folder to another, or null when there is none.</summary>
    private List<(string From, string To, string Example)>? PathBetween(string start, string goal)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal) { [start] = start };
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var at = queue.Dequeue();
            if (at == goal)
            {
                var path = new List<(string, string, string)>();
                for (var step = goal; step != start; step = previous[step])
                {
                    path.Insert(0, (previous[step], step, Edges[previous[step]][step]));
                }

                return path;
            }

            foreach (var next in Edges.GetValueOrDefault(at)?.Keys.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>())
            {
                if (previous.TryAdd(next, at))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }

    private string? FolderOf(Type type)
    {
        var ns = type.Namespace;
        if (ns is null || !ns.StartsWith(_root, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[_root.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private static string Name(Type type) => type.DeclaringType is { } outer ? Name(outer) : type.Name;

    private static HashSet<Type> UsedBy(Type type)
    {
        var used = new HashSet<Type>();
        void Use(Type? t)
        {
            if (t is null || t.IsGenericParameter || !used.Add(t))
            {
                return;
            }

            if (t.HasElementType)
            {
                Use(t.GetElementType());
            }

            if (t.IsGenericType)
            {
                foreach (var argument in t.GetGenericArguments())
                {
                    Use(argument);
                }
            }
        }

        Use(type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            Use(i);
        }

        foreach (var a in type.GetCustomAttributesData())
        {
            Use(a.AttributeType);
        }

        foreach (var f in type.GetFields(Everything))
        {
            Use(f.FieldType);
        }

        foreach (var p in type.GetProperties(Everything))
        {
            Use(p.PropertyType);
        }

        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo m)
            {
                Use(m.ReturnType);
            }

            foreach (var p in method.GetParameters())
            {
                Use(p.ParameterType);
            }

            foreach (var member in Body(method))
            {
                switch (member)
                {
                    case Type t:
                        Use(t);
                        break;
                    case MethodBase called:
                        Use(called.DeclaringType);
                        foreach (var argument in called.IsGenericMethod ? called.GetGenericArguments() : [])
                        {
                            Use(argument);
                        }

                        break;
                    case FieldInfo field:
                        Use(field.DeclaringType);
                        Use(field.FieldType);
                        break;
                }
            }

            foreach (var local in method.GetMethodBody()?.LocalVariables ?? [])
            {
                Use(local.LocalType);
            }
        }

        return used;
    }

    /// <summary>The types, methods and fields a method body names, read from its IL operands.</summary>
    private static IEnumerable<MemberInfo> Body(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            var value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            if (op.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                var token = BitConverter.ToInt32(il, at);
                MemberInfo? member = null;
                try
                {
                    member = method.Module.ResolveMember(token, typeArguments, methodArguments);
                }
                catch (ArgumentException)
                {
                    // A token of a generic context reflection cannot rebuild: it names nothing of ours the signatures miss.
                }

                if (member is not null)
                {
                    yield return member;
                }
            }

            at += OperandSize(op, il, at);
        }
    }

    private static int OperandSize(OpCode op, byte[] il, int at) => op.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };
}
