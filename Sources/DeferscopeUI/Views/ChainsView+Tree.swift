import DeferscopeModel

extension ChainsView {
    // MARK: - Rows

    /// One row of the tree, as the walk built it.
    struct Row {
        /// What the row shows.
        enum Kind {
            /// A Deferred: `children` Deferreds it waits on, hidden when `collapsed`.
            case node(TrackedDeferred, children: Int, collapsed: Bool)
            /// A Deferred already on the path above: the wait-for graph loops here.
            case cycle(TrackedDeferred?)
            /// A Deferred the model no longer knows.
            case missing
            /// More inputs than ``Limits/childLimit`` under the node above.
            case moreChildren(Int)
            /// The path is deeper than ``Limits/depthLimit``.
            case deeper
            /// The walk stopped at a limit; `pending` Deferreds were not looked at.
            case notWalked(pending: Int, rows: Int)
        }

        /// The Deferred on the row (0 for the `…` rows).
        var id: UInt64
        /// The tree guides and the collapse marker in front of the name.
        var guide: String
        /// What the row shows.
        var kind: Kind
    }

    /// How much of the wait-for graph one frame may walk.
    public struct Limits: Hashable, Sendable {
        /// Rows built at most (the rows above the screen, on it, and a page below).
        public var rowLimit: Int
        /// Pending Deferreds looked at, at most, to find the roots.
        public var scanLimit: Int
        /// Inputs shown under one node; the rest are counted on a `…` row.
        public var childLimit: Int
        /// Deferreds visited, at most, climbing from a pending Deferred to its roots.
        public var climbLimit: Int
        /// Levels shown under a root.
        public var depthLimit: Int

        /// The limits the dashboard uses.
        public static let standard = Limits(
            rowLimit: 5_000,
            scanLimit: 20_000,
            childLimit: 200,
            climbLimit: 32,
            depthLimit: 64
        )

        /// Creates limits.
        public init(rowLimit: Int, scanLimit: Int, childLimit: Int, climbLimit: Int, depthLimit: Int) {
            self.rowLimit = max(1, rowLimit)
            self.scanLimit = max(1, scanLimit)
            self.childLimit = max(1, childLimit)
            self.climbLimit = max(1, climbLimit)
            self.depthLimit = max(1, depthLimit)
        }
    }

    /// What one frame cost: the model queries it made, the pending Deferreds it looked at and
    /// the rows it built.
    public struct FrameCost: Hashable, Sendable {
        /// Calls to `deferred(_:)`, `waitsOn(_:)` and `waiters(of:)`, and rows read from the
        /// pending list.
        public var queries = 0
        /// Pending Deferreds looked at to find roots.
        public var scanned = 0
        /// Rows built.
        public var rows = 0
    }

    // MARK: - The walk

    /// A depth-first walk of the wait-for graph from the roots, built lazily: it stops as soon as
    /// it has the rows asked for.
    ///
    /// Roots are found by reading the pending list oldest first and climbing from each Deferred
    /// along its waiters to the chains nothing waits on: a tree comes in the order of the oldest
    /// pending Deferred in it, so the chain stuck longest is at the top, and a root younger than
    /// a million inputs it waits on is found at the first of them, not after all of them.
    struct TreeWalk {
        let model: DeferscopeModel
        let filter: DeferredFilter?
        let collapsed: Set<UInt64>
        let limits: Limits
        let glyphs: Glyphs
        private(set) var cost = FrameCost()

        private struct Frame {
            var id: UInt64
            var children: [UInt64]
            var next: Int
            /// For the children: whether each ancestor below the root has a later sibling.
            var guides: [Bool]
        }

        private var stack: [Frame] = []
        private var roots: [UInt64] = []
        private var nextRootIndex = 0
        private var rootSet: Set<UInt64> = []
        private var page: [TrackedDeferred] = []
        private var pageIndex = 0
        private var listOffset = 0
        private var listEnded = false
        private static let pageSize = 64

        init(model: DeferscopeModel, filter: DeferredFilter?, collapsed: Set<UInt64>, limits: Limits, glyphs: Glyphs) {
            self.model = model
            self.filter = filter
            self.collapsed = collapsed
            self.limits = limits
            self.glyphs = glyphs
        }

        /// The first `count` rows (at most ``Limits/rowLimit``), then a `…` row when a limit,
        /// not the end of the tree, stopped the walk.
        mutating func rows(_ count: Int) -> [Row] {
            let wanted = min(count, limits.rowLimit)
            var rows: [Row] = []
            rows.reserveCapacity(min(wanted, 256))
            var exhausted = false
            while rows.count < wanted {
                if let frame = stack.last {
                    step(frame, into: &rows)
                    continue
                }
                guard let root = nextRoot() else {
                    exhausted = !scanStopped
                    break
                }
                emit(root, guides: [], isLast: true, isRoot: true, into: &rows)
            }
            let cut = rows.count >= limits.rowLimit && (!stack.isEmpty || nextRootIndex < roots.count || !listEnded)
            if !exhausted && (scanStopped || cut) {
                let unseen = max(0, model.count(of: .pending) - cost.scanned)
                rows.append(Row(id: 0, guide: "", kind: .notWalked(pending: unseen, rows: rows.count)))
            }
            cost.rows = rows.count
            return rows
        }

        /// Whether the walk stopped reading the pending list at ``Limits/scanLimit``.
        private var scanStopped: Bool { cost.scanned >= limits.scanLimit && !listEnded }

        private mutating func step(_ frame: Frame, into rows: inout [Row]) {
            let shown = min(frame.children.count, limits.childLimit)
            if frame.next < shown {
                stack[stack.count - 1].next += 1
                let child = frame.children[frame.next]
                let isLast = frame.next + 1 == frame.children.count
                emit(child, guides: frame.guides, isLast: isLast, isRoot: false, into: &rows)
                return
            }
            stack.removeLast()
            if frame.children.count > shown {
                let guide = TreeGuide.prefix(ancestorsHaveLaterSiblings: frame.guides, isLast: true, glyphs: glyphs)
                rows.append(Row(id: 0, guide: guide, kind: .moreChildren(frame.children.count - shown)))
            }
        }

        private mutating func emit(_ id: UInt64, guides: [Bool], isLast: Bool, isRoot: Bool, into rows: inout [Row]) {
            let prefix = TreeGuide.prefix(
                ancestorsHaveLaterSiblings: guides,
                isLast: isLast,
                isRoot: isRoot,
                glyphs: glyphs
            )
            cost.queries += 1
            guard let chain = model.deferred(id) else {
                rows.append(Row(id: id, guide: prefix, kind: .missing))
                return
            }
            if stack.contains(where: { $0.id == id }) {
                rows.append(Row(id: id, guide: prefix, kind: .cycle(chain)))
                return
            }
            cost.queries += 1
            let children = model.waitsOn(id)
            let folded = collapsed.contains(id)
            let marker = children.isEmpty ? "" : String(folded ? glyphs.collapsed : glyphs.expanded) + " "
            rows.append(
                Row(id: id, guide: prefix + marker, kind: .node(chain, children: children.count, collapsed: folded))
            )
            guard !children.isEmpty, !folded else { return }
            let childGuides = isRoot ? [] : guides + [!isLast]
            if stack.count + 1 >= limits.depthLimit {
                let guide = TreeGuide.prefix(ancestorsHaveLaterSiblings: childGuides, isLast: true, glyphs: glyphs)
                rows.append(Row(id: 0, guide: guide, kind: .deeper))
                return
            }
            stack.append(Frame(id: id, children: children, next: 0, guides: childGuides))
        }

        // MARK: Roots

        private mutating func nextRoot() -> UInt64? {
            while true {
                if nextRootIndex < roots.count {
                    defer { nextRootIndex += 1 }
                    return roots[nextRootIndex]
                }
                guard let entry = nextPending() else { return nil }
                discoverRoots(from: entry)
            }
        }

        private mutating func nextPending() -> TrackedDeferred? {
            if pageIndex == page.count {
                guard !listEnded, cost.scanned < limits.scanLimit else { return nil }
                let want = min(Self.pageSize, limits.scanLimit - cost.scanned)
                page = model.window(of: .pending, offset: listOffset, count: want).rows
                pageIndex = 0
                listOffset += page.count
                cost.queries += 1 + page.count
                if page.count < want { listEnded = true }
                guard !page.isEmpty else { return nil }
            }
            defer { pageIndex += 1 }
            cost.scanned += 1
            return page[pageIndex]
        }

        /// Climbs from `entry` along its waiters; the Deferreds nothing waits on are its roots.
        /// A Deferred on a cycle that nothing outside waits on stands for its cycle.
        private mutating func discoverRoots(from entry: TrackedDeferred) {
            var visited: [UInt64] = [entry.id]
            var next = 0
            var tops: [UInt64] = []
            while next < visited.count {
                let node = visited[next]
                next += 1
                let above = waitersStillWaiting(on: node)
                if above.isEmpty {
                    tops.append(node)
                    continue
                }
                for waiter in above where visited.count < limits.climbLimit && !visited.contains(waiter) {
                    visited.append(waiter)
                }
            }
            if tops.isEmpty {
                if visited.contains(where: { rootSet.contains($0) }) { return }
                tops = [entry.id]
            }
            for top in tops where rootSet.insert(top).inserted {
                if let filter {
                    let chain = top == entry.id ? entry : model.deferred(top)
                    cost.queries += top == entry.id ? 0 : 1
                    guard let chain, filter.matches(chain, in: model) else { continue }
                }
                roots.append(top)
            }
        }

        private mutating func waitersStillWaiting(on id: UInt64) -> [UInt64] {
            cost.queries += 1
            let waiters = model.waiters(of: id)
            guard !waiters.isEmpty else { return [] }
            var result: [UInt64] = []
            for waiter in waiters.prefix(limits.climbLimit) {
                cost.queries += 1
                if let chain = model.deferred(waiter), !chain.isReleased, chain.status.isUnsettled {
                    result.append(waiter)
                }
            }
            return result
        }
    }
}
