/// A user step with its types erased: it checks the chain's value against its handle's `Value`,
/// calls the program's closure, and boxes what it returns. Created inside the `@inlinable` generic
/// `add…` methods, so it is specialized for the handle's types at the call site, and a closure
/// literal passed there needs no separate context.
@usableFromInline
typealias _UserStep = @Sendable (_Outcome) -> _StepOutput

/// Turns a chain into a canceller call on its typed handle.
@usableFromInline
typealias _Canceller = @Sendable (_Chain) -> Void

/// One entry in a chain's queue: 32 bytes, so three fit inline in the chain.
@usableFromInline
struct _Step: @unchecked Sendable {
    @usableFromInline
    enum Body: Sendable {
        /// An empty slot, or a step already taken off the queue.
        case taken
        /// A callback, errback, both or pair added by the program.
        case user(_UserStep)
        /// Twisted's continuation marker: give this chain's result to the chain waiting on it.
        case handOff(_Chain)
        /// `chainDeferred`: fire the target with this chain's result.
        case forward(_Chain)
        /// A step of DeferredKit's own (combinators, `value`, `addTimeout`).
        case `internal`(_InternalStep)
    }

    @usableFromInline
    var body: Body
    @usableFromInline
    var kind: StepKind
    @usableFromInline
    var line: UInt32
    @usableFromInline
    var file: UnsafeRawPointer?

    @inlinable
    init(body: Body, kind: StepKind, site: CallSite) {
        self.body = body
        self.kind = kind
        self.line = site._line
        self.file = site._file
    }

    init(body: Body, kind: StepKind, line: UInt32, file: UnsafeRawPointer?) {
        self.body = body
        self.kind = kind
        self.line = line
        self.file = file
    }

    static let empty = _Step(body: .taken, kind: .both, site: .unknown)

    static func handOff(to waiter: _Chain) -> _Step {
        _Step(body: .handOff(waiter), kind: .both, site: .unknown)
    }

    /// Where it was added.
    var site: CallSite { CallSite(_file: file, line: line) }

    /// Hand-off markers are plumbing, not steps the program added: they get no index and no events.
    var isVisible: Bool {
        if case .handOff = body { return false }
        return true
    }

    /// The chain this step feeds: a `chainDeferred` target, the list or race it is a member of.
    var feeds: UInt64 {
        switch body {
        case .forward(let target): return target.id
        case .internal(let step): return step.feeds
        case .taken, .user, .handOff: return 0
        }
    }
}

/// A step of DeferredKit's own. Each kind is a small subclass holding its data, so an internal step
/// costs one allocation and no closure context.
@usableFromInline
class _InternalStep: @unchecked Sendable {
    /// The chain this step feeds (0: none), for monitors drawing fan-in.
    let feeds: UInt64

    init(feeds: UInt64 = 0) {
        self.feeds = feeds
    }

    /// Looks at the result reaching the step and says what to do. Runs with no lock held.
    func run(on chain: _Chain, _ input: _Outcome) -> _InternalAction {
        .passThrough
    }
}

/// A FIFO of steps with room for three inline; the rest go to an overflow array. Run steps are
/// dropped as soon as the queue empties, so a fired chain keeps no closures alive.
struct _StepQueue: Sendable {
    private var slot0 = _Step.empty
    private var slot1 = _Step.empty
    private var slot2 = _Step.empty
    private var overflow: ContiguousArray<_Step> = []
    private var head: UInt32 = 0
    private var end: UInt32 = 0

    private static let inlineCount: UInt32 = 3

    var isEmpty: Bool { head == end }

    var count: Int { Int(end - head) }

    mutating func append(_ step: _Step) {
        switch end {
        case 0: slot0 = step
        case 1: slot1 = step
        case 2: slot2 = step
        default: overflow.append(step)
        }
        end += 1
    }

    /// Takes the next step to run it. The step stays first in the queue, its closure moved out
    /// and its kind and site left for snapshots, until `completeFirst()`: a snapshot taken while
    /// it runs shows it as the step the chain is in. Moving the closure out releases nothing, so
    /// this is safe under the lock.
    mutating func startFirst() -> _Step? {
        guard head < end else { return nil }
        return withSlotValue(head) { slot in
            var body = _Step.Body.taken
            swap(&slot.body, &body)
            return _Step(body: body, kind: slot.kind, line: slot.line, file: slot.file)
        }
    }

    /// Drops the step `startFirst()` took. Once all are done the overflow storage is freed; it
    /// holds only emptied slots, so releasing it runs no program code.
    mutating func completeFirst() {
        guard head < end else { return }
        head += 1
        if head == end {
            head = 0
            end = 0
            if !overflow.isEmpty {
                overflow = []
            }
        }
    }

    /// Calls `body` with what a snapshot shows of each step not yet taken: its kind, site, what it
    /// feeds, and for a hand-off marker the id of the waiting chain. Each step is read in place
    /// (copying one would retain its closure); `mutating` so the queue itself is not copied.
    mutating func forEachPendingSummary(
        _ body: (_ kind: StepKind, _ site: CallSite, _ feeds: UInt64, _ waiter: UInt64?) -> Void
    ) {
        var index = head
        while index < end {
            withSlot(index) { step in
                switch step.body {
                case .handOff(let waiter):
                    body(step.kind, step.site, 0, waiter.id)
                case .taken:
                    // The step running now (`startFirst()`); its closure is out of the queue.
                    body(step.kind, step.site, 0, nil)
                case .forward(let target):
                    body(step.kind, step.site, target.id, nil)
                case .internal(let internalStep):
                    body(step.kind, step.site, internalStep.feeds, nil)
                case .user:
                    body(step.kind, step.site, 0, nil)
                }
            }
            index += 1
        }
    }

    private mutating func withSlotValue<R>(_ index: UInt32, _ body: (inout _Step) -> R) -> R {
        switch index {
        case 0: return body(&slot0)
        case 1: return body(&slot1)
        case 2: return body(&slot2)
        default: return body(&overflow[Int(index - Self.inlineCount)])
        }
    }

    private mutating func withSlot(_ index: UInt32, _ body: (inout _Step) -> Void) {
        switch index {
        case 0: body(&slot0)
        case 1: body(&slot1)
        case 2: body(&slot2)
        default: body(&overflow[Int(index - Self.inlineCount)])
        }
    }

    /// Moves out every chain the queue holds (hand-off waiters and `chainDeferred` targets), for
    /// releasing them without recursion.
    mutating func removeChains(into chains: inout [_Chain]) {
        var index = head
        while index < end {
            switch self[index].body {
            case .handOff(let chain), .forward(let chain):
                chains.append(chain)
                var empty = _Step.empty
                swapSlot(index, with: &empty)
            default:
                break
            }
            index += 1
        }
    }

    private subscript(index: UInt32) -> _Step {
        switch index {
        case 0: return slot0
        case 1: return slot1
        case 2: return slot2
        default: return overflow[Int(index - Self.inlineCount)]
        }
    }

    private mutating func swapSlot(_ index: UInt32, with step: inout _Step) {
        switch index {
        case 0: swap(&slot0, &step)
        case 1: swap(&slot1, &step)
        case 2: swap(&slot2, &step)
        default: swap(&overflow[Int(index - Self.inlineCount)], &step)
        }
    }
}
