/// A user step with its types erased: it checks the chain's value against its handle's `Value`,
/// calls the program's closure, and boxes what it returns. Created inside the `@inlinable` generic
/// `add…` methods, so it is specialized for the handle's types at the call site.
@usableFromInline
typealias _UserStep = @Sendable (_Outcome) -> _StepOutput

/// Turns a chain into a canceller call on its typed handle.
@usableFromInline
typealias _Canceller = @Sendable (_Chain) -> Void

/// One entry in a chain's queue.
@usableFromInline
struct _Step: Sendable {
    @usableFromInline
    enum Body: Sendable {
        /// Already taken off the queue.
        case taken
        /// A callback, errback, both or pair added by the program.
        case user(_UserStep)
        /// Twisted's continuation marker: give this chain's result to the chain waiting on it.
        case handOff(_Chain)
        /// `chainDeferred`: fire the target with this chain's result.
        case forward(_Chain)
        /// A step of DeferredKit's own (combinators, `value`, `addTimeout`).
        case `internal`(@Sendable (_Chain, _Outcome) -> _InternalAction)
    }

    @usableFromInline
    var body: Body
    @usableFromInline
    var kind: StepKind
    @usableFromInline
    var site: CallSite
    @usableFromInline
    var label: String?
    /// The chain this step feeds: a `chainDeferred` target, the list or race it is a member of.
    /// 0 when none. It lets a monitor draw fan-in without waiting for the step to run.
    @usableFromInline
    var feeds: UInt64

    @inlinable
    init(body: Body, kind: StepKind, site: CallSite, label: String?, feeds: UInt64 = 0) {
        self.body = body
        self.kind = kind
        self.site = site
        self.label = label
        self.feeds = feeds
    }

    /// Hand-off markers are plumbing, not steps the program added: they get no index and no events.
    var isVisible: Bool {
        if case .handOff = body { return false }
        return true
    }

    static func handOff(to waiter: _Chain) -> _Step {
        _Step(body: .handOff(waiter), kind: .both, site: .unknown, label: nil)
    }
}

/// A FIFO of steps: an array and the index of the next one. Run steps are dropped as soon as the
/// queue empties, so a fired chain keeps no closures alive.
struct _StepQueue {
    private(set) var storage: ContiguousArray<_Step> = []
    private(set) var head = 0

    var isEmpty: Bool { head == storage.count }

    var count: Int { storage.count - head }

    mutating func append(_ step: _Step) {
        storage.append(step)
    }

    /// Takes the next step. The slot it leaves holds nothing, and once all are taken the storage
    /// is freed; neither releases anything but placeholders, so it is safe under the lock.
    mutating func popFirst() -> _Step? {
        guard head < storage.count else { return nil }
        var step = _Step(body: .taken, kind: .both, site: .unknown, label: nil)
        swap(&step, &storage[head])
        head += 1
        if head == storage.count {
            storage = []
            head = 0
        }
        return step
    }

    /// The steps not yet taken, in order.
    var pending: ArraySlice<_Step> { storage[head...] }

    /// Moves out every chain the queue holds (hand-off waiters and `chainDeferred` targets), for
    /// releasing them without recursion.
    mutating func removeChains(into chains: inout [_Chain]) {
        for index in head..<storage.count {
            switch storage[index].body {
            case .handOff(let chain), .forward(let chain):
                chains.append(chain)
                storage[index].body = .taken
            default:
                break
            }
        }
    }
}
