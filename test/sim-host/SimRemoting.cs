// Simulated PowerShell remoting (test code): the jobs Invoke-Command -ComputerName … -AsJob returns, as
// remote-sim.ps1's Invoke-Command builds them. Like the real PSRemotingJob: one child job per computer, in
// the order given, started N at a time by a throttle (the next when one ends); a child stays NotStarted
// until its pipeline runs (connecting included), a failed connection goes from NotStarted to Failed with
// the error record in its Error stream, and StopJob returns only when the job has ended.
using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;

namespace CcdSimRemoting
{
    public sealed class HostJob : Job2
    {
        private readonly string _computer;
        private readonly PowerShell _ps;
        private readonly FanOutJob _parent;
        private int _ended;
        private int _started;

        internal HostJob(string command, string computer, PowerShell ps, FanOutJob parent) : base(command)
        {
            _computer = computer;
            _ps = ps;
            _parent = parent;
            PSJobTypeName = "RemoteJob";
        }

        public override string Location { get { return _computer; } }
        public override string StatusMessage { get { return string.Empty; } }
        public override bool HasMoreData { get { return Output.Count > 0 || Error.Count > 0; } }

        /// <summary>The host's pipeline runs (called by the host's script once "connected").</summary>
        public void MarkRunning()
        {
            if (Volatile.Read(ref _ended) == 0) SetJobState(JobState.Running);
        }

        /// <summary>The connection failed: the record goes to the Error stream and is the failure reason.</summary>
        public void Fail(ErrorRecord record)
        {
            Error.Add(record);
            End(JobState.Failed, record.Exception);
        }

        internal void Start()
        {
            if (Interlocked.Exchange(ref _started, 1) == 1 || Volatile.Read(ref _ended) == 1) return;
            FanOutJob.Log("start " + _computer);
            var output = new PSDataCollection<PSObject>();
            output.DataAdded += (s, e) => Output.Add(output[e.Index]);
            _ps.Streams.Error.DataAdded += (s, e) => Error.Add(_ps.Streams.Error[e.Index]);
            _ps.InvocationStateChanged += (s, e) =>
            {
                var st = e.InvocationStateInfo.State;
                if (st == PSInvocationState.Completed) End(JobState.Completed, null);
                else if (st == PSInvocationState.Failed) End(JobState.Failed, e.InvocationStateInfo.Reason);
                else if (st == PSInvocationState.Stopped) End(JobState.Stopped, null);
            };
            try
            {
                if (_ps.Runspace != null && _ps.Runspace.RunspaceStateInfo.State == RunspaceState.BeforeOpen) _ps.Runspace.Open();
                _ps.BeginInvoke<PSObject, PSObject>(null, output);
            }
            catch (Exception e) { End(JobState.Failed, e); }
        }

        private void End(JobState state, Exception reason)
        {
            if (Interlocked.Exchange(ref _ended, 1) == 1) return;
            if (Volatile.Read(ref _started) == 1) FanOutJob.Log("end " + _computer + " " + state);
            SetJobState(state, reason);
            _parent.ChildEnded(this);
        }

        // Job2's other verbs: a remoting child job is started by its parent, and is never suspended.
        public override void StartJob() { }
        public override void StartJobAsync() { }
        public override void StopJobAsync() { ThreadPool.QueueUserWorkItem(_ => StopJob()); }
        public override void StopJob(bool force, string reason) { StopJob(); }
        public override void StopJobAsync(bool force, string reason) { StopJobAsync(); }
        public override void SuspendJob() { throw new NotSupportedException(); }
        public override void SuspendJobAsync() { throw new NotSupportedException(); }
        public override void SuspendJob(bool force, string reason) { throw new NotSupportedException(); }
        public override void SuspendJobAsync(bool force, string reason) { throw new NotSupportedException(); }
        public override void ResumeJob() { throw new NotSupportedException(); }
        public override void ResumeJobAsync() { throw new NotSupportedException(); }
        public override void UnblockJob() { }
        public override void UnblockJobAsync() { }

        public override void StopJob()
        {
            if (Volatile.Read(ref _ended) == 1) return;
            FanOutJob.Log("stop " + _computer);
            if (Volatile.Read(ref _started) == 0) { Interlocked.Exchange(ref _started, 1); End(JobState.Stopped, null); return; }
            // Blocks until the pipeline stops, as the real StopJob waits for the job to finish.
            _ps.Stop();
            End(JobState.Stopped, null);
        }
    }

    public sealed class FanOutJob : Job
    {
        private readonly object _lock = new object();
        private readonly Queue<HostJob> _queue = new Queue<HostJob>();
        private int _running;
        private int _ended;
        private readonly int _throttle;

        private static readonly object LogLock = new object();

        /// <summary>One line in CCD_SIM_LOG with the time (ms since the epoch): the tests check the throttle from them.</summary>
        public static void Log(string text)
        {
            var path = Environment.GetEnvironmentVariable("CCD_SIM_LOG");
            if (string.IsNullOrEmpty(path)) return;
            lock (LogLock) System.IO.File.AppendAllText(path, "remote " + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + " " + text + "\n");
        }

        public FanOutJob(string command, int throttle) : base(command)
        {
            _throttle = Math.Max(1, throttle);
            PSJobTypeName = "RemoteJob";
        }

        public HostJob AddHost(string computer, PowerShell ps)
        {
            var child = new HostJob(Command, computer, ps, this);
            ChildJobs.Add(child);
            lock (_lock) _queue.Enqueue(child);
            return child;
        }

        public void StartAll()
        {
            SetJobState(JobState.Running);
            Pump();
        }

        private void Pump()
        {
            var toStart = new List<HostJob>();
            lock (_lock)
            {
                while (_running < _throttle && _queue.Count > 0)
                {
                    var next = _queue.Dequeue();
                    if (next.JobStateInfo.State != JobState.NotStarted) continue;
                    _running++;
                    toStart.Add(next);
                }
            }
            foreach (var c in toStart) ThreadPool.QueueUserWorkItem(_ => c.Start());
        }

        internal void ChildEnded(HostJob child)
        {
            bool all;
            lock (_lock)
            {
                if (_running > 0 && !_queueHolds(child)) _running--;
                _ended++;
                all = _ended == ChildJobs.Count;
            }
            if (all) SetJobState(JobState.Completed);
            else Pump();
        }

        private bool _queueHolds(HostJob child) { return _queue.Contains(child); }

        public override string Location { get { return string.Empty; } }
        public override string StatusMessage { get { return string.Empty; } }
        public override bool HasMoreData { get { return false; } }
        public override void StopJob() { foreach (var c in ChildJobs) c.StopJob(); }
    }
}
