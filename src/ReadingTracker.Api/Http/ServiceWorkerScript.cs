using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.FileProviders;

namespace ReadingTracker.Api.Http;

/// <summary>
/// Serves wwwroot/sw.js with its SHELL_VERSION set to a hash of every file of the web client. Any change to
/// the client changes the worker's bytes, so browsers install the new worker, store the new shell and offer
/// the update; nobody has to remember to bump a version, and an unchanged client keeps its stored shell.
/// </summary>
public static partial class ServiceWorkerScript
{
    public const string Path = "sw.js";

    /// <summary>The script as it is served: the literal version in the file replaced by the client's hash.</summary>
    public static string Render(IFileProvider webRoot)
    {
        var script = ReadText(webRoot.GetFileInfo(Path));
        var version = ClientVersion(webRoot);
        return VersionLiteral().Replace(script, $"const SHELL_VERSION = '{version}';", 1);
    }

    /// <summary>12 hex digits of SHA-256 over every file's path and bytes, in path order.</summary>
    public static string ClientVersion(IFileProvider webRoot)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, file) in Files(webRoot, "").OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(path + "\n"));
            using var stream = file.CreateReadStream();
            var buffer = new byte[81920];
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    private static IEnumerable<(string Path, IFileInfo File)> Files(IFileProvider provider, string folder)
    {
        foreach (var entry in provider.GetDirectoryContents(folder))
        {
            var path = folder.Length == 0 ? entry.Name : folder + "/" + entry.Name;
            if (entry.IsDirectory)
            {
                foreach (var inner in Files(provider, path))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return (path, entry);
            }
        }
    }

    private static string ReadText(IFileInfo file)
    {
        if (!file.Exists)
        {
            throw new FileNotFoundException("The web client's service worker is missing.", file.Name);
        }

        using var reader = new StreamReader(file.CreateReadStream(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"const SHELL_VERSION = '[^']*';")]
    private static partial Regex VersionLiteral();
}
