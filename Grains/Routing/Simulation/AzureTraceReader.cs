using System.Globalization;

namespace Reroute.Grains.Routing.Simulation;

/// <summary>
/// Reads the Azure LLM inference traces (TIMESTAMP,ContextTokens,GeneratedTokens with CRLF line endings) — the one
/// piece of I/O in the routing core, kept apart so that the replay itself stays pure.
/// </summary>
public static class AzureTraceReader
{
    /// <summary>Where the Azure code trace lives, relative to the folder that holds the repository.</summary>
    public static readonly string[] CodeTraceRelativePath = ["shared", "data", "azure-llm-inference-2023", "code.csv"];

    private const string Header = "TIMESTAMP,ContextTokens,GeneratedTokens";
    private const string TimestampFormat = "yyyy-MM-dd HH:mm:ss.fffffff";
    private const int Fields = 3;

    /// <summary>Reads up to <paramref name="maxRows"/> rows of a trace file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">A row is malformed; the message names the line.</exception>
    public static IReadOnlyList<TraceRecord> Read(string path, int maxRows = int.MaxValue)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Trace file not found: {path}", path);
        }

        using var reader = new StreamReader(path);
        return Parse(reader, maxRows);
    }

    /// <summary>Parses a trace; ReadLine takes CRLF and LF alike and the last row may lack a terminator.</summary>
    public static IReadOnlyList<TraceRecord> Parse(TextReader reader, int maxRows = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine();
        if (!string.Equals(header?.Trim(), Header, StringComparison.Ordinal))
        {
            throw new FormatException($"Line 1: expected the header '{Header}', found '{header}'.");
        }

        var rows = new List<TraceRecord>();
        DateTime? first = null;
        var lineNumber = 1;
        while (rows.Count < maxRows && reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(',');
            if (parts.Length != Fields
                || !DateTime.TryParseExact(parts[0], TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var timestamp)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var context)
                || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var generated))
            {
                throw new FormatException($"Line {lineNumber}: expected '{TimestampFormat},<tokens>,<tokens>', found '{line}'.");
            }

            first ??= timestamp;
            var arrival = (timestamp - first.Value).TotalMilliseconds;
            if (rows.Count > 0 && arrival < rows[^1].ArrivalMs)
            {
                throw new FormatException($"Line {lineNumber}: timestamps must not decrease.");
            }

            rows.Add(new TraceRecord(arrival, context, generated));
        }

        return rows;
    }

    /// <summary>
    /// Finds the Azure code trace at ../shared/data/azure-llm-inference-2023/code.csv beside the repository root (the
    /// first folder above <paramref name="startDirectory"/> holding Orleans.sln).
    /// </summary>
    /// <exception cref="FileNotFoundException">No repository root, or no trace beside it; the message says where it looked.</exception>
    public static string LocateCodeTrace(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln")))
            {
                var path = Path.GetFullPath(Path.Combine([dir.FullName, "..", .. CodeTraceRelativePath]));
                return File.Exists(path)
                    ? path
                    : throw new FileNotFoundException(
                        $"The Azure code trace is missing: expected {path} (../{string.Join('/', CodeTraceRelativePath)} beside the repository root {dir.FullName}).",
                        path);
            }
        }

        throw new FileNotFoundException($"No repository root (a folder with Orleans.sln) above {startDirectory}, so the Azure code trace cannot be found.");
    }
}
