using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace Squad.Core.Git;

/// <summary>
/// Runs a child process on Linux with posix_spawn(3); one thread (<see cref="Collector"/>) gathers every child's output,
/// polling their pipes and pidfds. Squad starts some 170 processes per issue (git, above all); <see cref="System.Diagnostics.Process"/>
/// cost the orchestrator about 1.5 ms of CPU per start (its thread-pool hops, stream readers and child bookkeeping),
/// this about a third of that. The child gets exactly <see cref="ProcessRunner"/>'s contract: the environment given (or
/// the orchestrator's when none is), the working directory, standard input from the text given (else empty), every
/// signal at its default and none blocked. It leads a process group of its own, so that a timeout or a cancellation
/// kills it with everything it started that stayed in the group (only git and cp run here: no code of an agent's).
/// </summary>
[SupportedOSPlatform("linux")]
internal static unsafe partial class SpawnedProcess
{
    private const int SpawnSetPgroup = 0x02;
    private const int SpawnSetSigDefault = 0x04;
    private const int SpawnSetSigMask = 0x08;
    private const int OCloExec = 0x80000;
    private const int ORdOnly = 0;
    private const int ONonBlock = 0x800;
    private const int FSetFl = 4;
    private const short PollIn = 0x1;
    private const short PollOut = 0x4;
    private const int SigKill = 9;
    private const int EIntr = 4;
    private const int EAgain = 11;
    private const int XOk = 1;
    private const long SysPidfdOpen = 434;

    /// <summary>Room for glibc's posix_spawn_file_actions_t (80 bytes) and posix_spawnattr_t (336), with margin.</summary>
    private const int OpaqueSize = 1024;

    /// <summary>Whether this kernel gives pidfds (Linux 5.3 on) and eventfds, which the collector waits on.</summary>
    public static bool Supported { get; } = Probe();

    private static bool Probe()
    {
        try
        {
            var pidFd = (int)SyscallPidfdOpen(SysPidfdOpen, GetPid(), 0);
            var bell = EventFd(0, OCloExec);
            foreach (var fd in new[] { pidFd, bell })
            {
                if (fd >= 0)
                {
                    _ = Close(fd);
                }
            }

            return pidFd >= 0 && bell >= 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    public static Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string>? environment,
        TimeSpan? timeout,
        string? standardInput,
        bool outputBytes,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var path = Resolve(fileName);
        if (path is null)
        {
            return Task.FromResult(CannotStart(fileName, "No such file or directory", started));
        }

        var child = Spawn(path, [path, .. arguments], workingDirectory, environment, standardInput is not null, out var error);
        if (child is null)
        {
            return Task.FromResult(CannotStart(fileName, error, started));
        }

        var run = new Run(child.Value.Child, child.Value.PidFd, standardInput is null ? null : Encoding.UTF8.GetBytes(standardInput), timeout, started, cancellationToken)
        {
            OutputBytes = outputBytes,
        };
        Collector.Add(run);
        return run.Result.Task;
    }

    private static ProcessResult CannotStart(string fileName, string reason, long started) => new()
    {
        ExitCode = 127,
        StandardOutput = "",
        StandardError = $"cannot start {fileName}: {reason}",
        Duration = System.Diagnostics.Stopwatch.GetElapsedTime(started),
    };

    /// <summary>The program's path as <see cref="System.Diagnostics.Process"/> finds it: as given when it holds a '/', else the first executable of that name on PATH.</summary>
    private static string? Resolve(string fileName)
    {
        if (fileName.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(fileName);
            return File.Exists(full) ? full : null;
        }

        // Found once per PATH: the search stats every folder of PATH before the one that holds it.
        var search = Environment.GetEnvironmentVariable("PATH") ?? "";
        if (Found.TryGetValue((search, fileName), out var known) && File.Exists(known))
        {
            return known;
        }

        foreach (var folder in search.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, fileName);
            if (File.Exists(candidate) && Access(candidate, XOk) == 0)
            {
                Found[(search, fileName)] = candidate;
                return candidate;
            }
        }

        return null;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Search, string Name), string> Found = new();

    /// <summary>The pipes' parent ends and the child's pid; null with the reason when it could not start.</summary>
    private static (Child Child, int PidFd)? Spawn(string path, List<string> argv, string workingDirectory, IReadOnlyDictionary<string, string>? environment, bool input, out string error)
    {
        error = "";
        var variables = environment is not null
            ? environment.Select(pair => $"{pair.Key}={pair.Value}").ToList()
            : Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().Select(entry => $"{entry.Key}={entry.Value}").ToList();
        int* output = stackalloc int[2];
        int* errors = stackalloc int[2];
        int* stdin = stackalloc int[2];
        output[0] = output[1] = errors[0] = errors[1] = stdin[0] = stdin[1] = -1;
        var actions = NativeMemory.AllocZeroed(OpaqueSize);
        var attributes = NativeMemory.AllocZeroed(OpaqueSize);
        var signals = NativeMemory.AllocZeroed(OpaqueSize);
        var strings = new List<nint>();
        try
        {
            if (Pipe2(output, OCloExec) != 0 || Pipe2(errors, OCloExec) != 0 || (input && Pipe2(stdin, OCloExec) != 0))
            {
                error = $"pipe2: errno {Marshal.GetLastPInvokeError()}";
                return null;
            }

            _ = FileActionsInit(actions);
            _ = AttributesInit(attributes);
            try
            {
                var devNull = Utf8(strings, "/dev/null");
                var folder = Utf8(strings, workingDirectory);
                var standardInput = input ? FileActionsAddDup2(actions, stdin[0], 0) : FileActionsAddOpen(actions, 0, devNull, ORdOnly, 0);
                if (standardInput != 0 || FileActionsAddDup2(actions, output[1], 1) != 0 || FileActionsAddDup2(actions, errors[1], 2) != 0
                    || FileActionsAddChdir(actions, folder) != 0)
                {
                    error = "posix_spawn_file_actions failed";
                    return null;
                }

                _ = SigEmptySet(signals);
                _ = AttributesSetSigMask(attributes, signals);
                _ = SigFillSet(signals);
                _ = AttributesSetSigDefault(attributes, signals);
                _ = AttributesSetPgroup(attributes, 0);
                _ = AttributesSetFlags(attributes, SpawnSetPgroup | SpawnSetSigDefault | SpawnSetSigMask);

                var argvArray = Array(strings, argv);
                var envArray = Array(strings, variables);
                try
                {
                    var result = PosixSpawn(out var pid, Utf8(strings, path), actions, attributes, argvArray, envArray);
                    if (result != 0)
                    {
                        error = Marshal.GetPInvokeErrorMessage(result);
                        return null;
                    }

                    var pidFd = (int)SyscallPidfdOpen(SysPidfdOpen, pid, 0);
                    if (pidFd < 0)
                    {
                        // Out of descriptors: the child cannot be waited for, so it does not run.
                        _ = Kill(pid, SigKill);
                        _ = WaitPid(pid, out _, 0);
                        error = $"pidfd_open: errno {Marshal.GetLastPInvokeError()}";
                        return null;
                    }

                    var child = new Child(pid, output[0], errors[0], input ? stdin[1] : -1);
                    output[0] = errors[0] = stdin[1] = -1;
                    return (child, pidFd);
                }
                finally
                {
                    NativeMemory.Free(argvArray);
                    NativeMemory.Free(envArray);
                }
            }
            finally
            {
                _ = FileActionsDestroy(actions);
                _ = AttributesDestroy(attributes);
            }
        }
        finally
        {
            foreach (var fd in new[] { output[0], output[1], errors[0], errors[1], stdin[0], stdin[1] })
            {
                if (fd >= 0)
                {
                    _ = Close(fd);
                }
            }

            foreach (var pointer in strings)
            {
                NativeMemory.Free((void*)pointer);
            }

            NativeMemory.Free(actions);
            NativeMemory.Free(attributes);
            NativeMemory.Free(signals);
        }
    }

    private static byte* Utf8(List<nint> owned, string text)
    {
        var count = Encoding.UTF8.GetByteCount(text);
        var pointer = (byte*)NativeMemory.Alloc((nuint)count + 1);
        owned.Add((nint)pointer);
        var written = Encoding.UTF8.GetBytes(text, new Span<byte>(pointer, count));
        pointer[written] = 0;
        return pointer;
    }

    private static byte** Array(List<nint> owned, List<string> texts)
    {
        var array = (byte**)NativeMemory.Alloc((nuint)(texts.Count + 1), (nuint)sizeof(byte*));
        for (var i = 0; i < texts.Count; i++)
        {
            array[i] = Utf8(owned, texts[i]);
        }

        array[texts.Count] = null;
        return array;
    }

    private readonly record struct Child(int Pid, int Output, int Error, int Input);

    /// <summary>
    /// The one thread that waits for every child: it polls their pipes and pidfds together, with an eventfd that a new
    /// child or a cancellation rings. A thread per child cost a quarter of a millisecond to start; a thread-pool thread
    /// blocked in poll would starve the pool while a fetch or a push runs.
    /// </summary>
    private static class Collector
    {
        private static readonly System.Collections.Concurrent.ConcurrentQueue<Run> Incoming = new();
        private static readonly int Bell = EventFd(0, OCloExec | ONonBlock);

        static Collector()
        {
            new Thread(Serve, 256 * 1024) { IsBackground = true, Name = "squad-processes" }.Start();
        }

        public static void Add(Run run)
        {
            Incoming.Enqueue(run);
            Ring();
        }

        public static void Ring()
        {
            ulong one = 1;
            _ = WriteFd(Bell, (byte*)&one, sizeof(ulong));
        }

        private static void Serve()
        {
            var runs = new List<Run>();
            var fds = new PollFd[16];
            var owners = new Run?[16];
            var buffer = new byte[64 * 1024];
            while (true)
            {
                while (Incoming.TryDequeue(out var run))
                {
                    runs.Add(run);
                }

                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                var wait = -1L;
                var count = 0;
                Add(ref fds, ref owners, ref count, Bell, PollIn, null);
                foreach (var run in runs)
                {
                    run.Watch(now);
                    foreach (var (fd, events) in run.Waiting())
                    {
                        Add(ref fds, ref owners, ref count, fd, events, run);
                    }

                    var left = run.MillisecondsLeft(now);
                    wait = left < 0 ? wait : wait < 0 ? left : Math.Min(wait, left);
                }

                fixed (PollFd* pointer = fds)
                {
                    if (Poll(pointer, (nuint)count, (int)Math.Min(wait, int.MaxValue)) < 0 && Marshal.GetLastPInvokeError() != EIntr)
                    {
                        Thread.Sleep(1);
                        continue;
                    }
                }

                for (var i = 0; i < count; i++)
                {
                    if (fds[i].Returned == 0)
                    {
                        continue;
                    }

                    if (owners[i] is { } owner)
                    {
                        owner.Ready(fds[i].Fd, buffer);
                    }
                    else
                    {
                        ulong rung;
                        _ = ReadFd(Bell, (byte*)&rung, sizeof(ulong));
                    }
                }

                runs.RemoveAll(run => run.TryFinish());
            }
        }

        private static void Add(ref PollFd[] fds, ref Run?[] owners, ref int count, int fd, short events, Run? owner)
        {
            if (count == fds.Length)
            {
                System.Array.Resize(ref fds, count * 2);
                System.Array.Resize(ref owners, count * 2);
            }

            fds[count] = new PollFd { Fd = fd, Events = events };
            owners[count++] = owner;
        }
    }

    /// <summary>One child being waited for: its output, its input, its end. Used by the collector's thread only.</summary>
    private sealed class Run
    {
        private readonly ArrayBufferWriter<byte> output = new();
        private readonly ArrayBufferWriter<byte> errors = new();
        private readonly Child child;
        private readonly byte[]? input;
        private readonly long started;
        private readonly long deadline;
        private readonly CancellationToken cancellationToken;
        private readonly CancellationTokenRegistration registration;
        private int outFd;
        private int errFd;
        private int inFd;
        private int pidFd;
        private int written;
        private bool exited;
        private bool killed;
        private bool timedOut;

        public Run(Child child, int pidFd, byte[]? input, TimeSpan? timeout, long started, CancellationToken cancellationToken)
        {
            this.child = child;
            this.input = input;
            this.started = started;
            this.cancellationToken = cancellationToken;
            this.pidFd = pidFd;
            (outFd, errFd, inFd) = (child.Output, child.Error, child.Input);
            deadline = timeout is { } limit ? started + (long)(limit.TotalSeconds * System.Diagnostics.Stopwatch.Frequency) : long.MaxValue;
            if (inFd >= 0 && (input is null || input.Length == 0 || Fcntl(inFd, FSetFl, ONonBlock) != 0))
            {
                inFd = CloseFd(inFd);
            }

            registration = cancellationToken.UnsafeRegister(static _ => Collector.Ring(), null);
        }

        public TaskCompletionSource<ProcessResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Whether standard output is given as its bytes rather than decoded.</summary>
        public bool OutputBytes { get; init; }

        /// <summary>Kills the child's group once its time is up or its caller cancelled.</summary>
        public void Watch(long now)
        {
            if (!killed && (cancellationToken.IsCancellationRequested || now >= deadline))
            {
                timedOut = !cancellationToken.IsCancellationRequested;
                killed = true;
                _ = Kill(-child.Pid, SigKill);
                _ = Kill(child.Pid, SigKill);
            }
        }

        /// <summary>Milliseconds until the deadline, -1 for none (or past it: the child is killed and only its end is awaited).</summary>
        public long MillisecondsLeft(long now)
            => killed || deadline == long.MaxValue ? -1 : Math.Max(0, ((deadline - now) * 1000 / System.Diagnostics.Stopwatch.Frequency) + 1);

        public IEnumerable<(int Fd, short Events)> Waiting()
        {
            if (outFd >= 0)
            {
                yield return (outFd, PollIn);
            }

            if (errFd >= 0)
            {
                yield return (errFd, PollIn);
            }

            if (inFd >= 0)
            {
                yield return (inFd, PollOut);
            }

            if (!exited)
            {
                yield return (pidFd, PollIn);
            }
        }

        public void Ready(int fd, byte[] buffer)
        {
            if (fd == pidFd)
            {
                exited = true;
            }
            else if (fd == inFd)
            {
                Write();
            }
            else if (fd == outFd && !Drain(fd, output, buffer))
            {
                outFd = CloseFd(outFd);
            }
            else if (fd == errFd && !Drain(fd, errors, buffer))
            {
                errFd = CloseFd(errFd);
            }
        }

        /// <summary>Once the child has ended and closed its output: reaps it and gives its result.</summary>
        public bool TryFinish()
        {
            if (!exited || outFd >= 0 || errFd >= 0)
            {
                return false;
            }

            inFd = CloseFd(inFd);
            pidFd = CloseFd(pidFd);
            registration.Dispose();
            int status;
            while (WaitPid(child.Pid, out status, 0) < 0 && Marshal.GetLastPInvokeError() == EIntr)
            {
            }

            if (killed && cancellationToken.IsCancellationRequested)
            {
                Result.SetCanceled(cancellationToken);
                return true;
            }

            var signal = status & 0x7f;
            Result.SetResult(new ProcessResult
            {
                ExitCode = timedOut ? 124 : signal == 0 ? (status >> 8) & 0xff : 128 + signal,
                StandardOutput = OutputBytes ? "" : Text(output),
                StandardError = Text(errors),
                OutputBytes = OutputBytes ? output.WrittenSpan.ToArray() : null,
                Duration = System.Diagnostics.Stopwatch.GetElapsedTime(started),
                TimedOut = timedOut,
            });
            return true;
        }

        /// <summary>Writes what the pipe takes of the rest of the input; closes it when all is written or the child stopped reading.</summary>
        private void Write()
        {
            fixed (byte* data = input)
            {
                var count = WriteFd(inFd, data + written, input!.Length - written);
                if (count < 0 && Marshal.GetLastPInvokeError() is EAgain or EIntr)
                {
                    return;
                }

                written += (int)Math.Max(count, 0);
                if (count < 0 || written >= input.Length)
                {
                    inFd = CloseFd(inFd);
                }
            }
        }

        /// <summary>Reads what the pipe holds; false at its end.</summary>
        private static bool Drain(int fd, ArrayBufferWriter<byte> into, byte[] buffer)
        {
            fixed (byte* data = buffer)
            {
                nint count;
                while ((count = ReadFd(fd, data, buffer.Length)) < 0 && Marshal.GetLastPInvokeError() == EIntr)
                {
                }

                if (count <= 0)
                {
                    return false;
                }

                into.Write(buffer.AsSpan(0, (int)count));
                return true;
            }
        }

        /// <summary>The bytes as UTF-8 text, a leading byte order mark left out (as the stream readers did).</summary>
        private static string Text(ArrayBufferWriter<byte> stream)
        {
            var bytes = stream.WrittenSpan;
            return Encoding.UTF8.GetString(bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes);
        }

        private static int CloseFd(int fd)
        {
            if (fd >= 0)
            {
                _ = Close(fd);
            }

            return -1;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Returned;
    }

    [LibraryImport("libc", EntryPoint = "posix_spawn")]
    private static partial int PosixSpawn(out int pid, byte* path, void* fileActions, void* attributes, byte** argv, byte** envp);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    private static partial int FileActionsInit(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    private static partial int FileActionsDestroy(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")]
    private static partial int FileActionsAddDup2(void* actions, int fd, int newFd);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addopen")]
    private static partial int FileActionsAddOpen(void* actions, int fd, byte* path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addchdir_np")]
    private static partial int FileActionsAddChdir(void* actions, byte* path);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")]
    private static partial int AttributesInit(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    private static partial int AttributesDestroy(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    private static partial int AttributesSetFlags(void* attributes, short flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    private static partial int AttributesSetSigMask(void* attributes, void* signals);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    private static partial int AttributesSetSigDefault(void* attributes, void* signals);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setpgroup")]
    private static partial int AttributesSetPgroup(void* attributes, int group);

    [LibraryImport("libc", EntryPoint = "sigemptyset")]
    private static partial int SigEmptySet(void* signals);

    [LibraryImport("libc", EntryPoint = "sigfillset")]
    private static partial int SigFillSet(void* signals);

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static partial int Pipe2(int* fds, int flags);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(PollFd* fds, nuint count, int timeout);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint ReadFd(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint WriteFd(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "fcntl")]
    private static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static partial int WaitPid(int pid, out int status, int options);

    [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long SyscallPidfdOpen(long number, long pid, long flags);

    [LibraryImport("libc", EntryPoint = "eventfd")]
    private static partial int EventFd(uint initial, int flags);

    [LibraryImport("libc", EntryPoint = "getpid")]
    private static partial int GetPid();
}
