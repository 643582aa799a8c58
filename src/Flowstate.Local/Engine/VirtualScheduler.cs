namespace Flowstate.Local.Engine;

/// <summary>
/// Runs one execution on the calling thread in virtual time. Every continuation of the runner's
/// async code is posted here; when nothing is ready to run (and no task handler is still busy in
/// real time), the clock jumps to the next timer. So a day-long Wait takes no real time, and the
/// order in which concurrent branches and Map iterations interleave is deterministic.
/// Hand-written rather than FakeTimeProvider because the runner must know when the execution is
/// idle (all branches blocked) to advance time itself; FakeTimeProvider only advances when told.
/// </summary>
internal sealed class VirtualScheduler : SynchronizationContext
{
    private readonly object _gate = new();
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _ready = new();
    private readonly PriorityQueue<VirtualTimer, (long Ticks, long Sequence)> _timers = new();
    private long _sequence;
    private DateTimeOffset _now;

    /// <summary>True while a task handler works in real time; the clock must not move under it.</summary>
    public Func<bool>? RealTimeWork { get; set; }

    public VirtualScheduler(DateTimeOffset start)
    {
        _now = start;
        Clock = new VirtualClock(this);
    }

    public DateTimeOffset Now { get { lock (_gate) return _now; } }

    public VirtualClock Clock { get; }

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_gate)
        {
            _ready.Enqueue((d, state));
            Monitor.PulseAll(_gate);
        }
    }

    public override void Send(SendOrPostCallback d, object? state) => Post(d, state);

    public override SynchronizationContext CreateCopy() => this;

    public VirtualTimer Schedule(TimeSpan dueIn, Action callback, bool fromTimeProvider = false)
    {
        if (dueIn < TimeSpan.Zero) dueIn = TimeSpan.Zero;
        lock (_gate)
        {
            var timer = new VirtualTimer(this, _now + dueIn, callback, fromTimeProvider);
            _timers.Enqueue(timer, (timer.Due.UtcTicks, _sequence++));
            Monitor.PulseAll(_gate);
            return timer;
        }
    }

    /// <summary>A virtual delay: completes when the clock reaches now + <paramref name="delay"/>.</summary>
    public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var timer = Schedule(delay, () => tcs.TrySetResult());
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() => { timer.Cancel(); tcs.TrySetCanceled(cancellationToken); });
            tcs.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        }
        return tcs.Task;
    }

    /// <summary>Starts <paramref name="start"/> and runs until its task completes. <paramref name="onIdle"/> is called when nothing can ever happen again; it returns false to give up.</summary>
    public void Run(Func<Task> start, Func<bool> onIdle, CancellationToken cancellationToken)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            // Started here, so that every await in the run captures this context.
            var root = start();
            while (!root.IsCompleted)
            {
                cancellationToken.ThrowIfCancellationRequested();
                (SendOrPostCallback Callback, object? State) item;
                VirtualTimer? due = null;
                lock (_gate)
                {
                    if (_ready.Count > 0) item = _ready.Dequeue();
                    else
                    {
                        item = default;
                        if (RealTimeWork?.Invoke() == true)
                        {
                            // A handler works in real time: wait for it rather than move the clock under it.
                            if (!Monitor.Wait(_gate, 200) && _ready.Count == 0)
                                due = NextTimer(onlyFromTimeProvider: true);
                            if (due is null) continue;
                        }
                        else due = NextTimer(onlyFromTimeProvider: false);
                    }
                }
                if (item.Callback is not null) { item.Callback(item.State); continue; }
                if (due is not null) { due.Fire(); continue; }
                if (!onIdle()) return;
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    // Under the lock: the earliest live timer, with the clock moved to it.
    private VirtualTimer? NextTimer(bool onlyFromTimeProvider)
    {
        while (_timers.TryPeek(out var timer, out _))
        {
            if (timer.Cancelled) { _timers.Dequeue(); continue; }
            if (onlyFromTimeProvider && !timer.FromTimeProvider) return null;
            _timers.Dequeue();
            if (timer.Due > _now) _now = timer.Due;
            return timer;
        }
        return null;
    }

    public bool HasTimers
    {
        get
        {
            lock (_gate)
            {
                while (_timers.TryPeek(out var t, out _) && t.Cancelled) _timers.Dequeue();
                return _timers.Count > 0;
            }
        }
    }
}

internal sealed class VirtualTimer
{
    private readonly VirtualScheduler _owner;
    private readonly Action _callback;
    private volatile bool _cancelled;

    public VirtualTimer(VirtualScheduler owner, DateTimeOffset due, Action callback, bool fromTimeProvider)
    {
        _owner = owner;
        Due = due;
        _callback = callback;
        FromTimeProvider = fromTimeProvider;
    }

    public DateTimeOffset Due { get; }
    public bool FromTimeProvider { get; }
    public bool Cancelled => _cancelled;
    public void Cancel() => _cancelled = true;

    public void Fire()
    {
        if (!_cancelled) _callback();
    }
}

/// <summary>
/// The execution's virtual clock as a <see cref="TimeProvider"/>: <see cref="TimeProvider.GetUtcNow"/>
/// is virtual time, and timers (Task.Delay(span, provider)) fire in virtual time.
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    private readonly VirtualScheduler _scheduler;

    internal VirtualClock(VirtualScheduler scheduler) => _scheduler = scheduler;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => _scheduler.Now;

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        => new Timer(_scheduler, callback, state, dueTime, period);

    private sealed class Timer : ITimer
    {
        private readonly VirtualScheduler _scheduler;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private VirtualTimer? _current;
        private TimeSpan _period;

        public Timer(VirtualScheduler scheduler, TimerCallback callback, object? state, TimeSpan due, TimeSpan period)
        {
            _scheduler = scheduler;
            _callback = callback;
            _state = state;
            Change(due, period);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _current?.Cancel();
            _period = period;
            if (dueTime == Timeout.InfiniteTimeSpan) return true;
            _current = _scheduler.Schedule(dueTime, Tick, fromTimeProvider: true);
            return true;
        }

        private void Tick()
        {
            _callback(_state);
            if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan) _current = _scheduler.Schedule(_period, Tick, fromTimeProvider: true);
        }

        public void Dispose() => _current?.Cancel();
        public ValueTask DisposeAsync() { Dispose(); return default; }
    }
}
