using System.Diagnostics;

namespace DenialPipeline.LocalHost;

/// <summary>Starts a process whose stdout and stderr are read continuously, keeping the last lines.</summary>
internal sealed class OutputTail
{
    private readonly Queue<string> _lines = new();
    private Process? _readyProcess;

    public Process Start(ProcessStartInfo psi)
    {
        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Trim() == AzuriteLauncher.ReadyLine) lock (_lines) _readyProcess = process;
            else Add(e.Data);
        };
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        if (!process.Start()) throw new InvalidOperationException("Could not start node for Azurite.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Add(string? line)
    {
        if (string.IsNullOrWhiteSpace(line)) return;
        lock (_lines)
        {
            _lines.Enqueue(line.Trim());
            while (_lines.Count > 20) _lines.Dequeue();
        }
    }

    /// <summary>True once <paramref name="process"/> (not an earlier start) printed <see cref="AzuriteLauncher.ReadyLine"/>.</summary>
    public bool Ready(Process process)
    {
        lock (_lines) return ReferenceEquals(_readyProcess, process);
    }

    public string Text()
    {
        lock (_lines) return _lines.Count == 0 ? "(none)" : string.Join(" | ", _lines);
    }
}
