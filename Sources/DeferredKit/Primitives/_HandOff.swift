/// How a lock or semaphore hands itself on without recursion.
///
/// `release()` fires the next waiter on the releasing thread, and that waiter's steps often
/// release in turn (`run` releases as soon as its function returns). Handing on from inside that
/// release would nest one call per waiter, and a long line of waiters would overflow the stack.
/// So a release that arrives while another release of the same primitive is handing on is only
/// counted (`owed`); the release that is handing on carries it out once the waiter it fired has
/// returned. Waiters are still served in order, each on the thread that released before it.
struct _HandOffCounters {
    var handingOn = false
    var owed = 0
}

/// The state of a primitive that hands itself on (`DeferredLock`, `DeferredSemaphore`).
protocol _HandsOn {
    var handOff: _HandOffCounters { get set }
    /// Traps on a release that is a programming error, counting the releases not yet carried out.
    func checkRelease()
    /// Gives the lock or a token to the next waiter (returned), or back (nil when none waits).
    mutating func takeNextWaiter() -> _Chain?
}

/// `release()` for a primitive whose state is `state`: `fire` offers the lock or a token to a
/// waiter (outside the lock) and says whether it took it; a waiter cancelled at that very moment
/// refuses, and the next one is offered it.
func _releaseHandingOn<State: _HandsOn>(_ state: borrowing _Lock<State>, fire: (_Chain) -> Bool) {
    let handsOn = state.withLock { s -> Bool in
        s.checkRelease()
        if s.handOff.handingOn {
            s.handOff.owed += 1
            return false
        }
        s.handOff.handingOn = true
        return true
    }
    guard handsOn else { return }
    while true {
        var waiter = state.withLock { $0.takeNextWaiter() }
        while let next = waiter, !fire(next) {
            waiter = state.withLock { $0.takeNextWaiter() }
        }
        let more = state.withLock { s -> Bool in
            guard s.handOff.owed > 0 else {
                s.handOff.handingOn = false
                return false
            }
            s.handOff.owed -= 1
            return true
        }
        guard more else { return }
    }
}
