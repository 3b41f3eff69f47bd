/// Finds cycles in a wait-for graph: chains that each wait, directly or through others, on
/// themselves. Nothing outside the cycle can fire any of them, so they wait forever.
struct WaitCycles {
    /// Chain -> the chains it waits for.
    private var edges: [UInt64: [UInt64]] = [:]

    /// Records that `chain` cannot finish before `target` does.
    mutating func add(_ chain: UInt64, waitsFor target: UInt64) {
        edges[chain, default: []].append(target)
    }

    /// Whether `chain` waits for anything (only such chains can be in a cycle).
    func waits(_ chain: UInt64) -> Bool { edges[chain] != nil }

    /// Up to `limit` cycles, each as its chains in waiting order, starting from its smallest id.
    /// Iterative (no recursion), linear in the graph's size.
    func find(limit: Int = 10) -> [[UInt64]] {
        enum Color { case onPath, done }
        var color: [UInt64: Color] = [:]
        var cycles: [[UInt64]] = []
        for start in edges.keys.sorted() where color[start] == nil {
            // The path being explored, each node with the index of its next edge to follow.
            var path: [(node: UInt64, next: Int)] = [(start, 0)]
            color[start] = .onPath
            while let top = path.last {
                let targets = edges[top.node] ?? []
                guard top.next < targets.count else {
                    color[top.node] = .done
                    path.removeLast()
                    continue
                }
                path[path.count - 1].next += 1
                let target = targets[top.next]
                switch color[target] {
                case nil:
                    color[target] = .onPath
                    path.append((target, 0))
                case .onPath:
                    if cycles.count < limit, let from = path.lastIndex(where: { $0.node == target }) {
                        cycles.append(Self.rotated(path[from...].map(\.node)))
                    }
                case .done:
                    break
                }
            }
        }
        return cycles.sorted { $0.first ?? 0 < $1.first ?? 0 }
    }

    private static func rotated(_ cycle: [UInt64]) -> [UInt64] {
        guard let smallest = cycle.indices.min(by: { cycle[$0] < cycle[$1] }) else { return cycle }
        return Array(cycle[smallest...] + cycle[..<smallest])
    }
}
