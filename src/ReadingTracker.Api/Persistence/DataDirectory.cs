namespace ReadingTracker.Api.Persistence;

/// <summary>
/// Where the embedded default keeps what must survive a restart (SQLite files, the JWT secret, the
/// recovery journal): "Storage:DataDirectory", relative to the content root, default "data".
/// </summary>
public sealed class DataDirectory
{
    public DataDirectory(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Storage:DataDirectory"];
        Path = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured, environment.ContentRootPath);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);
}
