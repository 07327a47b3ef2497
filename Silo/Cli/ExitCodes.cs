namespace Reroute.Silo.Cli;

/// <summary>Process exit codes of the silo executable.</summary>
internal static class ExitCodes
{
    /// <summary>Done as asked.</summary>
    public const int Success = 0;

    /// <summary>The command line was wrong; the same code System.CommandLine returns for its own parse errors.</summary>
    public const int Usage = 1;

    /// <summary>The configuration was wrong (EX_CONFIG of sysexits.h, so supervisors can tell it from a crash).</summary>
    public const int Configuration = 78;

    /// <summary>A service the verb drove did not work end to end (BSD sysexits EX_UNAVAILABLE).</summary>
    public const int Unavailable = 69;

    /// <summary>The store could not be opened safely (corrupt, locked, in use): BSD sysexits EX_IOERR.</summary>
    public const int Storage = 74;
}
