using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Instances;

/// <summary>
/// One server instance of several on the same masters: no configured signing key (the instances must share the
/// database's), and its own data folder, as a second machine would have. The first instance creates the masters;
/// the others are pointed at them with <see cref="JoinAsync"/>.
/// </summary>
public sealed class InstanceFactory : AppFactory
{
    private readonly Dictionary<string, string?> _settings = new() { ["Jwt:Secret"] = "" };

    protected override IDictionary<string, string?> Settings => _settings;

    public static async Task<InstanceFactory> FirstAsync()
    {
        var first = new InstanceFactory();
        await first.InitializeAsync();
        return first;
    }

    /// <summary>Another instance on <paramref name="first"/>'s masters, with a data folder of its own.</summary>
    public static InstanceFactory Join(InstanceFactory first)
    {
        var other = new InstanceFactory();
        other.UseMasters(first.Primary, first.Secondary, Directory.CreateTempSubdirectory("rt-instance-").FullName);
        return other;
    }
}
